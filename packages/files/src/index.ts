// Shared with every layer of the SDK; re-exported so that code written against @tc/files keeps working.
export {
  InvalidArgumentError,
  LimitExceededError,
  type ResolvedTlsOptions,
  TrueConfChatBotError,
  type VerifySsl,
} from "@tc/core";
export { BufferedInputFile } from "./buffered-input-file.js";
export {
  type DownloadFileOptions,
  type DownloadOptions,
  type DownloadToBufferOptions,
  downloadFile,
  downloadToBuffer,
} from "./download-file.js";
export { ExtensionFilterMode, FileLimits, type FileLimitsPayload } from "./file-limits.js";
export {
  FileSizeTooLargeError,
  FileValidationError,
  InvalidFileExtensionError,
} from "./file-validation-errors.js";
export { FSInputFile } from "./fs-input-file.js";
export { type FileDescription, InputFile, type InputFileOptions } from "./input-file.js";
export { InputFileError } from "./input-file-error.js";
export type { ByteSource } from "./single-use-source.js";
export { StreamInputFile, type StreamInputFileOptions } from "./stream-input-file.js";
export { DownloadError, TransferOptionsError, TransferTimeoutError, UploadError } from "./transfer-errors.js";
export type { TransferOptions } from "./transfer-scope.js";
export { type UploadFileOptions, uploadFile } from "./upload-file.js";
export { URLInputFile, type URLInputFileOptions } from "./url-input-file.js";
