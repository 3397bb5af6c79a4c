import { InputFileError } from "./input-file-error.js";

/** Anything a {@link StreamInputFile} can read: a Node readable, a web stream or an async iterable of bytes. */
export type ByteSource = NodeJS.ReadableStream | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * A byte source that can be consumed once, with a look-ahead: the first bytes can be peeked (to sniff
 * the type) and are then replayed at the start of the one real read. Shared by a stream input and its
 * clones, so whichever of them is read first gets the bytes and the others get a clear error.
 */
export class SingleUseSource implements AsyncIterable<Uint8Array> {
  readonly #source: ByteSource;
  #iterator: AsyncIterator<unknown> | undefined;
  #peeked: Uint8Array[] = [];
  #peekedBytes = 0;
  #ended = false;
  #taken = false;

  constructor(source: ByteSource) {
    if (!isByteSource(source)) {
      throw new InputFileError(
        "StreamInputFile: source must be a Node readable, a web ReadableStream or an async iterable of bytes",
      );
    }
    this.#source = source;
  }

  /** The first `bytes` bytes (fewer if the source is shorter), kept for the later read. */
  async peek(bytes: number): Promise<Uint8Array> {
    this.assertNotTaken();
    while (this.#peekedBytes < bytes && !this.#ended) {
      const next = await this.#iter().next();
      if (next.done) this.#ended = true;
      else this.#keep(toBytes(next.value));
    }
    return Buffer.concat(this.#peeked).subarray(0, bytes);
  }

  /** The one read: the peeked bytes, then the rest of the source. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    this.assertNotTaken();
    this.#taken = true;
    const peeked = this.#peeked;
    this.#peeked = [];
    yield* peeked;
    if (this.#ended) return;
    const iterator = this.#iter();
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const chunk = toBytes(next.value);
        if (chunk.byteLength > 0) yield chunk;
      }
    } finally {
      // Stopping early (an aborted upload) releases the source, e.g. destroys a Node stream.
      await iterator.return?.();
    }
  }

  #keep(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.#peeked.push(chunk);
    this.#peekedBytes += chunk.byteLength;
  }

  #iter(): AsyncIterator<unknown> {
    this.#iterator ??= iteratorOf(this.#source);
    return this.#iterator;
  }

  /** Throws the "read once" error when the one read has started. */
  assertNotTaken(): void {
    if (this.#taken) {
      throw new InputFileError("A StreamInputFile can be read once, and this one has been read already");
    }
  }
}

function isByteSource(value: unknown): value is ByteSource {
  if (typeof value !== "object" || value === null) return false;
  return Symbol.asyncIterator in value || typeof (value as { getReader?: unknown }).getReader === "function";
}

function iteratorOf(source: ByteSource): AsyncIterator<unknown> {
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  // A web stream without async iteration (older polyfills): read it through its reader.
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  return {
    next: async () => {
      const { done, value } = await reader.read();
      return done ? { done: true, value: undefined } : { done: false, value };
    },
    return: async () => {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new InputFileError(
    `StreamInputFile: the source yielded a ${typeof chunk} chunk; only bytes (Uint8Array, Buffer) are accepted`,
  );
}
