// Public surface of the concurrency layer: Scheduler, SchedulerOptions, ConcurrencyOptions, StopOptions,
// StopReport, SchedulerStoppedError, ConcurrencyKey, keyOf.
export { type ConcurrencyKey, keyOf } from "./concurrency-key.js";
export {
  type ConcurrencyOptions,
  Scheduler,
  type SchedulerOptions,
  type StopOptions,
  type StopReport,
} from "./scheduler.js";
export { SchedulerStoppedError } from "./scheduler-stopped-error.js";
