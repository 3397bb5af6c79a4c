import type * as v from "valibot";
import type { Api } from "../api.js";
import type { uploadProgressEventSchema } from "../schemas/events.js";
import type { GetFileUploadLimitsResponse } from "../schemas/responses.js";
import { ApiEvent } from "./api-event.js";

/**
 * The administrator changed the upload limits (`getFileUploadLimits` push). The Api applies it by itself; `null`
 * members clear the corresponding limit.
 *
 * @example
 * router.changedFileUploadLimits((event) => console.log(event.maxSize, event.extensions));
 */
export class ChangedFileUploadLimits extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "getFileUploadLimits" as const;
  /** Largest upload in bytes; `null` = unlimited. */
  readonly maxSize: number | null;
  /** Extension filter; `null` = none. */
  readonly extensions: GetFileUploadLimitsResponse["extensions"];
  constructor(api: Api, payload: GetFileUploadLimitsResponse) {
    super(api);
    this.maxSize = payload.maxSize;
    this.extensions = payload.extensions;
  }
}

/**
 * Progress of a file that is still uploading to the server (`uploadFileProgress` push, after
 * `subscribeFileProgress`).
 *
 * @example
 * router.uploadingProgress((event) => console.log(event.fileId, event.progress, "bytes"));
 */
export class UploadingProgress extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "uploadFileProgress" as const;
  readonly fileId: string;
  /** Bytes received by the server so far. */
  readonly progress: number;
  constructor(api: Api, payload: v.InferOutput<typeof uploadProgressEventSchema>) {
    super(api);
    this.fileId = (payload.fileId ?? payload.infoHash) as string;
    this.progress = payload.progress;
  }
}
