// The public surface of @tc/router.
// The option checks and the base errors of the layers below, so that packages built on the router (@tc/redis)
// refuse bad options with the same words and the same error classes.
export {
  checkOptions,
  describeValue,
  InvalidArgumentError,
  invalidOption,
  requireBoolean,
  requireDuration,
  requireInteger,
  TrueConfChatBotError,
} from "@tc/api";
export * from "./concurrency/index.js";
export type {
  BaseContext,
  BotOf,
  Context,
  ContextTypes,
  ExtrasOf,
  FeedContext,
  StateContext,
} from "./context.js";
export {
  type AttachOptions,
  Dispatcher,
  type DispatcherOptions,
  type DispatcherStopOptions,
  type DispatcherStopReport,
  type Intake,
} from "./dispatcher.js";
export { type ErrorClass, ErrorEvent, ExceptionTypeFilter, type InstanceOf } from "./error-event.js";
export {
  DispatcherStoppedError,
  RouterAlreadyIncludedError,
  RouterCycleError,
  UpdateValidationError,
} from "./errors.js";
export * from "./filters/index.js";
export * from "./fsm/index.js";
export { consoleLogger, type Logger } from "./logger.js";
export type { Middleware, NextFunction } from "./middleware.js";
export type { Observer } from "./observer.js";
export { type ObserverName, observerMethods } from "./observer-methods.js";
export {
  type AnyRouter,
  type ErrorFilterInput,
  type ErrorObserver,
  type ErrorRegistration,
  type EventOf,
  type ObserverOf,
  Router,
  type RouterEvent,
  type RouterOptions,
} from "./router.js";
