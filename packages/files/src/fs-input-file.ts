import { accessSync, constants, createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
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
 * A file on the local file system, streamed from disk when sent (never loaded whole into memory).
 * The path is checked at once: a missing, unreadable or non-regular file throws here, not later.
 *
 * @example
 * await bot.sendDocument({ chatId, file: new FSInputFile("reports/q3.pdf", { fileName: "Q3.pdf" }) });
 */
export class FSInputFile extends InputFile {
  /** The path the bytes are read from. */
  readonly path: string;
  readonly #options: InputFileOptions;

  /**
   * @param path absolute or relative to the working directory.
   * @throws InputFileError when the path is empty, missing, a directory or not readable.
   * @throws InvalidArgumentError for an unknown option.
   */
  constructor(path: string, options: InputFileOptions = {}) {
    if (typeof path !== "string" || path === "") {
      throw new InputFileError("FSInputFile: path must be a non-empty string");
    }
    const o = checkOptions("FSInputFile options", options, inputFileOptionKeys);
    assertReadableFile(path);
    super(o, "FSInputFile");
    this.path = path;
    this.#options = o;
  }

  /** A new `FSInputFile` for the same path and options. */
  override clone(): FSInputFile {
    return new FSInputFile(this.path, this.#options);
  }

  protected override async inspect(needHead: boolean): Promise<SourceFacts> {
    try {
      const handle = await open(this.path, "r");
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw new InputFileError(`Not a regular file: ${this.path}`);
        const facts: SourceFacts = { fileName: basename(this.path), fileSize: stats.size };
        if (needHead) {
          const head = new Uint8Array(Math.min(SNIFF_BYTES, stats.size));
          const { bytesRead } = await handle.read(head, 0, head.byteLength, 0);
          facts.head = head.subarray(0, bytesRead);
        }
        return facts;
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw error instanceof InputFileError ? error : inputFileErrorFromFs(error, this.path);
    }
  }

  protected override async *read(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of createReadStream(this.path, { highWaterMark: CHUNK_BYTES })) {
        yield chunk as Buffer;
      }
    } catch (error) {
      throw inputFileErrorFromFs(error, this.path);
    }
  }
}

function assertReadableFile(path: string): void {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new InputFileError(`Path is a directory, not a file: ${path}`);
    if (!stats.isFile()) throw new InputFileError(`Not a regular file: ${path}`);
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw error instanceof InputFileError ? error : inputFileErrorFromFs(error, path);
  }
}
