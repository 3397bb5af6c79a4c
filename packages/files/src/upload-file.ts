import { Readable } from "node:stream";
import { request } from "undici";
import { collectBytes } from "./collect-bytes.js";
import { parseHttpUrl } from "./http-get.js";
import { InputFile } from "./input-file.js";
import { isMimeType } from "./input-validation.js";
import { encodeMultipart, type MultipartFilePart } from "./multipart-body.js";
import { redactUrl } from "./redact-url.js";
import { TransferOptionsError, UploadError } from "./transfer-errors.js";
import {
  checkProgressCallback,
  checkTransferOptionNames,
  resolveTransferOptions,
  type TransferOptions,
  TransferScope,
  type TransferSettings,
  transferOptionKeys,
} from "./transfer-scope.js";

/** Options of {@link uploadFile}. */
export interface UploadFileOptions extends TransferOptions {
  /** The full upload URL: `{server}/bridge/api/client/v1/files`. */
  url: string;
  /** The `uploadTaskId` the `uploadFile` API method returned; sent as the `Upload-Task-Id` header. */
  uploadTaskId: string;
  /** The file, sent as the `file` part. */
  file: InputFile;
  /** An image preview, sent as the `preview` part (photos render inline only with one). */
  preview?: InputFile;
  /** Overrides the `file` part's type, e.g. `"sticker/webp"` for stickers. */
  fileContentType?: string;
  /** Told the payload bytes sent so far (file plus preview) and their total. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

// A temporalFileId is a short token; anything longer is not one (and is not worth buffering).
const MAX_ID_LENGTH = 200;
const MAX_RESPONSE_BYTES = 64 * 1024;
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Uploads a file (and an optional preview) as a streamed `multipart/form-data` POST and returns the
 * server's `temporalFileId`, ready for `sendFile`. Memory stays flat whatever the file size: bytes
 * go from the source to the socket chunk by chunk.
 *
 * @throws InvalidArgumentError for invalid options (an unknown name, a bad `timeout` or `verifySsl`;
 *   `TransferOptionsError` for a bad `url`, `uploadTaskId`, `file`…), before anything is sent.
 * @throws InputFileError when a file cannot be read or yields another size than it declared.
 * @throws DownloadError when a `URLInputFile` source cannot be fetched.
 * @throws UploadError on a non-2xx status, a response without a valid `temporalFileId`, or a network failure.
 * @throws TransferTimeoutError when nothing moves for `timeout` ms; the signal's reason when aborted.
 *
 * @example
 * const { uploadTaskId } = await transport.request("uploadFile", { fileName, fileSize });
 * const temporalFileId = await uploadFile({
 *   url: "https://video.example.org/bridge/api/client/v1/files",
 *   uploadTaskId,
 *   file: new FSInputFile("photo.jpg"),
 *   onProgress: (sent, total) => console.log(`${sent}/${total}`),
 * });
 */
export async function uploadFile(options: UploadFileOptions): Promise<string> {
  const { url, settings } = validateUploadOptions(options);
  const { file, preview, onProgress } = options;
  const fileInfo = await file.describe();
  const previewInfo = await preview?.describe();
  const parts: MultipartFilePart[] = [
    {
      name: "file",
      fileName: fileInfo.fileName,
      contentType: options.fileContentType ?? fileInfo.mimeType,
      size: fileInfo.fileSize,
      bytes: file.stream(),
    },
  ];
  if (preview && previewInfo) {
    parts.push({
      name: "preview",
      fileName: previewInfo.fileName,
      contentType: previewInfo.mimeType,
      size: previewInfo.fileSize,
      bytes: preview.stream(),
    });
  }
  const totalBytes = fileInfo.fileSize + (previewInfo?.fileSize ?? 0);
  const scope = TransferScope.open(settings);
  let sentBytes = 0;
  const body = encodeMultipart(parts, (bytes) => {
    scope.touch();
    sentBytes += bytes;
    onProgress?.(sentBytes, totalBytes);
  });
  try {
    const response = await request(url, {
      method: "POST",
      dispatcher: scope.httpDispatcher,
      signal: scope.signal,
      headers: {
        "upload-task-id": options.uploadTaskId,
        "content-type": body.contentType,
        "content-length": String(body.length),
      },
      // A few MiB of read-ahead keep the socket busy while the next chunks are pulled from the source;
      // counted in bytes, so that memory stays bounded whatever chunk size the source uses.
      body: Readable.from(body.chunks, { objectMode: false, highWaterMark: READ_AHEAD_BYTES }),
    });
    scope.touch();
    const status = response.statusCode;
    const text = await collectBytes(
      response.body,
      MAX_RESPONSE_BYTES,
      () => scope.touch(),
      () => new UploadError(`The upload response is larger than ${MAX_RESPONSE_BYTES} bytes`, status),
    );
    if (status < 200 || status > 299) {
      throw new UploadError(`Upload to ${redactUrl(url)} failed with HTTP ${status}`, status);
    }
    return temporalFileIdFrom(Buffer.from(text).toString("utf8"), status);
  } catch (error) {
    throw scope.failure(
      error,
      (message, cause) => new UploadError(`Upload to ${redactUrl(url)} failed: ${message}`, null, { cause }),
    );
  } finally {
    await scope.close();
  }
}

const uploadOptionKeys = [
  "url",
  "uploadTaskId",
  "file",
  "preview",
  "fileContentType",
  "onProgress",
  ...transferOptionKeys,
];

function validateUploadOptions(options: UploadFileOptions): { url: URL; settings: TransferSettings } {
  const o = checkTransferOptionNames("uploadFile options", options, uploadOptionKeys);
  const url = parseHttpUrl(o.url);
  if (!url) throw new TransferOptionsError("uploadFile: url must be an http or https URL");
  const taskId = o.uploadTaskId;
  if (typeof taskId !== "string" || taskId.trim() === "" || /[\r\n\0]/.test(taskId)) {
    throw new TransferOptionsError("uploadFile: uploadTaskId must be a non-empty single-line string");
  }
  if (!(o.file instanceof InputFile)) {
    throw new TransferOptionsError(
      "uploadFile: file must be an InputFile (FSInputFile, BufferedInputFile, …)",
    );
  }
  if (o.preview !== undefined && !(o.preview instanceof InputFile)) {
    throw new TransferOptionsError("uploadFile: preview must be an InputFile when given");
  }
  if (o.fileContentType !== undefined && !isMimeType(o.fileContentType)) {
    throw new TransferOptionsError('uploadFile: fileContentType must look like "type/subtype"');
  }
  checkProgressCallback(o.onProgress);
  return { url, settings: resolveTransferOptions(o) };
}

function temporalFileIdFrom(text: string, status: number): string {
  let id: unknown;
  try {
    id = (JSON.parse(text) as { temporalFileId?: unknown } | null)?.temporalFileId;
  } catch {
    throw new UploadError(`The upload response (HTTP ${status}) is not JSON`, status);
  }
  if (typeof id !== "string" || id.trim() === "" || id.length > MAX_ID_LENGTH) {
    throw new UploadError(`The upload response (HTTP ${status}) has no valid temporalFileId`, status);
  }
  return id;
}
