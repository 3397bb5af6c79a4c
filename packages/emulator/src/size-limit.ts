import { Transform, type TransformCallback } from "node:stream";

/** Raised inside an upload stream once more bytes arrive than were declared. */
export class SizeLimitExceeded extends Error {}

/**
 * A pass-through that fails as soon as more than `limit` bytes went through, so an upload larger than its
 * declared size is stopped while streaming instead of after it has filled the disk.
 */
export class SizeLimit extends Transform {
  readonly limit: number;
  /** Bytes that went through so far. */
  bytes = 0;

  constructor(limit: number) {
    super();
    this.limit = limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      callback(new SizeLimitExceeded(`more than ${this.limit} bytes`));
      return;
    }
    callback(null, chunk);
  }
}
