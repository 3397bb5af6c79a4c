import { checkOptions } from "@tc/core";
import { InputFile, type InputFileOptions, inputFileOptionKeys, type SourceFacts } from "./input-file.js";
import { assertFileName, assertFileSize } from "./input-validation.js";
import { type ByteSource, SingleUseSource } from "./single-use-source.js";
import { SNIFF_BYTES } from "./sniff-file-type.js";

/** Options of a {@link StreamInputFile}: a stream cannot tell its name or size, so both are required. */
export interface StreamInputFileOptions extends InputFileOptions {
  /** The name to send. */
  fileName: string;
  /** The exact number of bytes the stream will yield; the upload fails if it yields another count. */
  fileSize: number;
}

/**
 * Bytes from a stream: a Node readable, a web `ReadableStream` or any async iterable of `Uint8Array`.
 * Read once, as the bytes arrive; detecting the type peeks at the first 4100 bytes only and replays
 * them. `clone()` shares the stream, so only one of the copies can be read; cloning a consumed one
 * throws.
 *
 * @example
 * const file = new StreamInputFile(createGzip().end(report), { fileName: "report.gz", fileSize: size });
 * await bot.sendDocument({ chatId, file });
 */
export class StreamInputFile extends InputFile {
  readonly #source: SingleUseSource;
  readonly #options: StreamInputFileOptions;

  /**
   * @throws InputFileError when the source is not a stream or `fileName`/`fileSize` are missing or invalid.
   * @throws InvalidArgumentError for an unknown option.
   */
  constructor(source: ByteSource, options: StreamInputFileOptions) {
    const o = checkOptions("StreamInputFile options", options, [...inputFileOptionKeys, "fileSize"]);
    assertFileName(o.fileName, "StreamInputFile");
    assertFileSize(o.fileSize, "StreamInputFile");
    const shared = source instanceof SingleUseSource ? source : new SingleUseSource(source);
    super(o, "StreamInputFile");
    this.#source = shared;
    this.#options = o;
  }

  /**
   * Another handle on the same, not yet consumed, stream.
   *
   * @throws InputFileError when the stream has been read already.
   */
  override clone(): StreamInputFile {
    this.#source.assertNotTaken();
    return new StreamInputFile(this.#source, this.#options);
  }

  protected override async inspect(needHead: boolean): Promise<SourceFacts> {
    return needHead ? { head: await this.#source.peek(SNIFF_BYTES) } : {};
  }

  protected override read(): AsyncGenerator<Uint8Array> {
    return this.#source[Symbol.asyncIterator]();
  }
}
