// One import is enough for a bot: the bot layer, and the public surface of every layer below it.

// Several layers name these; the bot exports the one a bot author passes around.
export type { Logger } from "@tc/api";
export * from "@tc/api";
export {
  BufferedInputFile,
  DownloadError,
  FileSizeTooLargeError,
  FileValidationError,
  FSInputFile,
  InputFile,
  InputFileError,
  type InputFileOptions,
  InvalidFileExtensionError,
  StreamInputFile,
  type StreamInputFileOptions,
  TransferTimeoutError,
  UploadError,
  URLInputFile,
  type URLInputFileOptions,
} from "@tc/files";
export * from "@tc/format";
export * from "@tc/router";
export { ConnectionState, type HealthStatus, type Session, type TokenProvider } from "@tc/transport";
export { Bot, type BotLifecycleEvents, type ShutdownOptions } from "./bot.js";
export type { BotOptions } from "./bot-options.js";
export { Dispatcher, Router } from "./bot-routing.js";
export { type RunnableBot, type RunOptions, runBots } from "./run-bots.js";
