import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { checkOptions } from "@tc/core";
import { inputFileErrorFromFs } from "./fs-errors.js";
import {
  CHUNK_BYTES,
  InputFile,
  type InputFileOptions,
  inputFileOptionKeys,
  type SourceFacts,
} from "./input-file.js";
import { InputFileError } from "./input-file-error.js";
import { SNIFF_BYTES } from "./sniff-file-type.js";

/**
 * Bytes already in memory (from a database, another API, a generated image). The only input file
 * that holds a whole file in memory — because it is handed one.
 *
 * @example
 * const photo = new BufferedInputFile(pngBytes, { fileName: "chart.png" });
 * const archive = await BufferedInputFile.fromFile("archive.zip");
 */
export class BufferedInputFile extends InputFile {
  /** The bytes sent; shared (not copied) with clones. */
  readonly data: Uint8Array;
  readonly #options: InputFileOptions;

  /**
   * @throws InputFileError when `data` is not a `Uint8Array` (a `Buffer` is one) or an option is invalid.
   * @throws InvalidArgumentError for an unknown option.
   */
  constructor(data: Uint8Array, options: InputFileOptions = {}) {
    if (!(data instanceof Uint8Array)) {
      throw new InputFileError("BufferedInputFile: data must be a Uint8Array or Buffer");
    }
    const o = checkOptions("BufferedInputFile options", options, inputFileOptionKeys);
    super(o, "BufferedInputFile");
    this.data = data;
    this.#options = o;
  }

  /**
   * Reads a whole file into memory; the name defaults to the file's base name. Prefer
   * {@link FSInputFile}, which streams, unless the bytes must be kept.
   *
   * @throws InputFileError when the file is missing, a directory or unreadable.
   */
  static async fromFile(path: string, options: InputFileOptions = {}): Promise<BufferedInputFile> {
    if (typeof path !== "string" || path === "") {
      throw new InputFileError("BufferedInputFile.fromFile: path must be a non-empty string");
    }
    const o = checkOptions("BufferedInputFile.fromFile options", options, inputFileOptionKeys);
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (error) {
      throw inputFileErrorFromFs(error, path);
    }
    return new BufferedInputFile(data, { ...o, fileName: o.fileName ?? basename(path) });
  }

  /** A new `BufferedInputFile` over the same bytes and options. */
  override clone(): BufferedInputFile {
    return new BufferedInputFile(this.data, this.#options);
  }

  protected override async inspect(): Promise<SourceFacts> {
    return { fileSize: this.data.byteLength, head: this.data.subarray(0, SNIFF_BYTES) };
  }

  protected override async *read(): AsyncGenerator<Uint8Array> {
    for (let offset = 0; offset < this.data.byteLength; offset += CHUNK_BYTES) {
      yield this.data.subarray(offset, offset + CHUNK_BYTES);
    }
  }
}
