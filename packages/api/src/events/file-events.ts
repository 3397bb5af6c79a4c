import type * as v from "valibot";
import type { Api } from "../api.js";
import type { uploadProgressEventSchema } from "../schemas/events.js";
import type { GetFileUploadLimitsResponse } from "../schemas/responses.js";
import { ApiEvent, type PushOrigin } from "./api-event.js";

/**
 * The administrator changed the upload limits (`getFileUploadLimits` push). The Api applies it by itself; `null`
 * members clear the corresponding limit.
 *
 * @example
 * router.changedFileUploadLimits((event) => console.log(event.maxSize, event.extensions));
 */
export class ChangedFileUploadLimits<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "getFileUploadLimits" as const;
  /** Not about a chat. */
  readonly chatId: undefined = undefined;
  /** Not caused by a user. */
  readonly fromUserId: undefined = undefined;
  /** Largest upload in bytes; `null` = unlimited. */
  readonly maxSize: number | null;
  /** Extension filter; `null` = none. */
  readonly extensions: GetFileUploadLimitsResponse["extensions"];
  constructor(api: B, payload: GetFileUploadLimitsResponse, origin?: PushOrigin) {
    super(api, origin);
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
export class UploadingProgress<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "uploadFileProgress" as const;
  /** Not about a chat. */
  readonly chatId: undefined = undefined;
  /** Not caused by a user. */
  readonly fromUserId: undefined = undefined;
  readonly fileId: string;
  /** Bytes received by the server so far. */
  readonly progress: number;
  constructor(api: B, payload: v.InferOutput<typeof uploadProgressEventSchema>, origin?: PushOrigin) {
    super(api, origin);
    this.fileId = (payload.fileId ?? payload.infoHash) as string;
    this.progress = payload.progress;
  }
}
