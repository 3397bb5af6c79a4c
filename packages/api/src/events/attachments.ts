import type { Api } from "../api.js";
import type { DownloadOptions, DownloadToFileOptions } from "../method-options.js";
import type { AttachmentContent } from "../schemas/message-content.js";

/**
 * A file attached to a message, bound to the Api that received it so that it can fetch itself. The subclasses
 * ({@link Document}, {@link Photo}, {@link Video}, {@link Audio}, {@link Sticker}) only tell the kind apart.
 *
 * @example
 * const path = await message.document?.download({ destPath: "./inbox/report.pdf" });
 */
export abstract class Attachment {
  /** Server id of the file. */
  readonly fileId: string;
  /** File name as uploaded. */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** MIME type (`sticker/webp` for stickers); may be empty. */
  readonly mimeType: string;
  /** A `FileReadyState` value at the time the message was sent, if the server said. */
  readonly readyState: number | undefined;
  readonly #api: Api;

  constructor(api: Api, content: AttachmentContent) {
    this.#api = api;
    this.fileId = content.fileId;
    this.name = content.name;
    this.size = content.size;
    this.mimeType = content.mimeType;
    this.readyState = content.readyState;
  }

  /**
   * Downloads the file (waiting for it to finish uploading if needed): to `destPath` (resolves to the path) or,
   * without it, into memory (resolves to the bytes; cap them with `maxBytes`).
   *
   * @example
   * const bytes = await message.photo?.download({ maxBytes: 10_000_000 });
   */
  download(options: DownloadToFileOptions): Promise<string>;
  download(options?: DownloadOptions): Promise<Uint8Array>;
  download(options?: DownloadOptions | DownloadToFileOptions): Promise<string | Uint8Array> {
    return this.#api.downloadFileById(this.fileId, options as DownloadOptions);
  }

  /**
   * The current download URL of the file, or `null` while it is not ready.
   *
   * @example
   * console.log(await message.document?.url());
   */
  async url(): Promise<string | null> {
    return (await this.#api.getFileInfo({ fileId: this.fileId })).downloadUrl;
  }

  /**
   * The download URL of the file's first preview image, or `null` when it has none.
   *
   * @example
   * console.log(await message.photo?.previewUrl());
   */
  async previewUrl(): Promise<string | null> {
    const info = await this.#api.getFileInfo({ fileId: this.fileId });
    return info.previews?.find((preview) => preview.downloadUrl !== null)?.downloadUrl ?? null;
  }
}

/** Any attachment that is not a photo, video, audio or sticker. */
export class Document extends Attachment {}
/** An attachment whose MIME type starts with `image/`. */
export class Photo extends Attachment {}
/** An attachment whose MIME type starts with `video/`. */
export class Video extends Attachment {}
/** An attachment whose MIME type starts with `audio/` (the Python SDK has no accessor for these). */
export class Audio extends Attachment {}
/** An attachment whose MIME type starts with `sticker/`. */
export class Sticker extends Attachment {}

/** The attachment class a MIME type belongs to. */
export function attachmentClassFor(mimeType: string): typeof Document {
  const type = mimeType.toLowerCase();
  if (type.startsWith("sticker/")) return Sticker;
  if (type.startsWith("image/")) return Photo;
  if (type.startsWith("video/")) return Video;
  if (type.startsWith("audio/")) return Audio;
  return Document;
}
