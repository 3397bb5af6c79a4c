export { TrueConfChatBotError } from "./base-error.js";
export { closestName } from "./closest-name.js";
export { InvalidArgumentError } from "./invalid-argument-error.js";
export { LimitExceededError } from "./limit-exceeded-error.js";
export {
  checkOptions,
  type DurationRules,
  describeValue,
  type IntegerBounds,
  invalidOption,
  maxTimerDelay,
  requireBoolean,
  requireDuration,
  requireInteger,
} from "./option-checks.js";
export { type ResolvedTlsOptions, resolveTlsOptions, type VerifySsl } from "./tls-options.js";
