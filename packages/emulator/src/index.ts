export { Emulator, type EmulatorOptions } from "./emulator.js";
export { EmulatorConfigError, TrueConfChatBotError, WaitTimeoutError } from "./errors.js";
export type { Faults } from "./faults.js";
export type { FrameRecord } from "./frame-log.js";
export { defaultProtocolOptions, type ProtocolOptions } from "./protocol-options.js";
export {
  type MethodSample,
  type ProtocolSamples,
  protocolSamples,
  type SampleMethodName,
  type SampleRequestFrame,
  type SampleResponseFrame,
} from "./protocol-samples.js";
export type { SessionFlags, SessionInfo } from "./session.js";
export type { WaitCheck } from "./wait-for.js";
export type { Human } from "./world/human.js";
export type { SeededWorld } from "./world/world.js";
export { WorldRequestError } from "./world/world-request-error.js";
