import { invalidOption } from "@tc/core";
import { type InputFile, uploadFile } from "@tc/files";
import type { Dispatcher } from "undici";
import type { UploadLimits } from "./upload-limits.js";

/** What the upload flow needs from the Api. */
export interface UploadContext {
  /** `uploadFile` over the WebSocket: announces the file, returns the upload task id. */
  announce(fileName: string, fileSize: number): Promise<string>;
  /** The limits to check against, fetched first when the server supports it. */
  limits(): Promise<UploadLimits>;
  readonly httpBaseUrl: string | undefined;
  readonly httpDispatcher: Dispatcher | undefined;
  /** Cancels the HTTP transfer together with the call's WebSocket requests. */
  readonly signal?: AbortSignal | undefined;
}

/** How a file goes up: an optional preview, and the part type of the file itself (stickers use `sticker/webp`). */
export interface UploadParts {
  readonly preview?: InputFile | undefined;
  readonly fileContentType?: string | undefined;
}

/**
 * Uploads a file and returns its `temporalFileId`: limits check → `uploadFile` (WebSocket) → streamed multipart
 * POST. Any failure is a typed error from this function, and nothing is sent to the chat by it.
 */
export async function uploadToServer(
  context: UploadContext,
  file: InputFile,
  parts: UploadParts = {},
): Promise<string> {
  if (context.httpBaseUrl === undefined) {
    throw invalidOption("requester", "has no httpBaseUrl, so files cannot be uploaded");
  }
  const { fileName, fileSize } = await file.describe();
  (await context.limits()).check({ fileName, fileSize });
  const uploadTaskId = await context.announce(fileName, fileSize);
  return uploadFile({
    url: new URL("/bridge/api/client/v1/files", context.httpBaseUrl).toString(),
    uploadTaskId,
    file,
    preview: parts.preview,
    fileContentType: parts.fileContentType,
    httpDispatcher: context.httpDispatcher,
    signal: context.signal,
  });
}
