import { extensionForMimeType, mimeTypeForExtension } from "./extension-mime-types.js";
import { extensionOf } from "./file-name.js";
import { assertFileName, assertFileSize, assertMimeType, isMimeType } from "./input-validation.js";
import { sniffFileType } from "./sniff-file-type.js";

/** Everything needed to announce and upload a file; the result of {@link InputFile.describe}. */
export interface FileDescription {
  /** The name sent to the server; a detected extension is appended when the given name has none. */
  fileName: string;
  /** The exact number of bytes {@link InputFile.stream} yields. */
  fileSize: number;
  /** From the caller, else sniffed from the first bytes, else the source's header, else by extension, else `application/octet-stream`. */
  mimeType: string;
  /** Lower-case, without the dot; `""` when the name has none. */
  extension: string;
}

/** Options every input file accepts: values given here are used as they are, never re-detected. */
export interface InputFileOptions {
  /** The name to send; by default taken from the path, URL or `Content-Disposition` ("file" if none). */
  fileName?: string;
  /** The MIME type to send; by default detected (see {@link FileDescription.mimeType}). */
  mimeType?: string;
}

/** The names of {@link InputFileOptions}, for `checkOptions`. */
export const inputFileOptionKeys = ["fileName", "mimeType"] as const;

/**
 * What a source can tell about itself: facts from the file system or HTTP headers, and its first
 * bytes when the caller asked for them (for type sniffing).
 */
export interface SourceFacts {
  /** The name the source suggests (base name of a path, URL segment, Content-Disposition). */
  fileName?: string;
  /** The exact byte count, when the source knows it. */
  fileSize?: number;
  /** A type the source declares (an HTTP Content-Type); weaker than sniffing. */
  mimeType?: string;
  /** The first bytes (at most the sniffing sample) when they were asked for. */
  head?: Uint8Array;
}

/** The chunk size used when this package slices or reads bytes itself. */
export const CHUNK_BYTES = 64 * 1024;

const FALLBACK_NAME = "file";
const brand = Symbol.for("@tc/files/InputFile");
const GENERIC_MIME_TYPE = "application/octet-stream";

/**
 * A file to send: a name, a size, a MIME type and a way to read its bytes as a stream. Subclasses say
 * where the bytes come from; none of them holds a whole file in memory except
 * {@link BufferedInputFile}, which is handed the bytes.
 *
 * @example
 * const file = new FSInputFile("reports/q3.pdf");
 * const { fileName, fileSize, mimeType } = await file.describe();
 * for await (const chunk of file.stream()) hash.update(chunk);
 */
export abstract class InputFile {
  /** Marks instances so that `instanceof InputFile` also holds across the ESM and CJS builds. */
  readonly [brand] = true;
  #fileName: string | undefined;
  #fileSize: number | undefined;
  #mimeType: string | undefined;
  #description: Promise<FileDescription> | undefined;

  protected constructor(options: InputFileOptions & { fileSize?: number }, owner: string) {
    if (options.fileName !== undefined) assertFileName(options.fileName, owner);
    if (options.mimeType !== undefined) assertMimeType(options.mimeType, owner);
    if (options.fileSize !== undefined) assertFileSize(options.fileSize, owner);
    this.#fileName = options.fileName;
    this.#fileSize = options.fileSize;
    this.#mimeType = options.mimeType;
  }

  /** `instanceof InputFile` recognises input files of any copy of this package; subclasses check normally. */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== InputFile) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }

  /** The file name, as given or detected so far (`undefined` until {@link describe} when not given). */
  get fileName(): string | undefined {
    return this.#fileName;
  }

  /** The size in bytes, as given or detected so far. */
  get fileSize(): number | undefined {
    return this.#fileSize;
  }

  /** The MIME type, as given or detected so far. */
  get mimeType(): string | undefined {
    return this.#mimeType;
  }

  /** The extension of {@link fileName} (lower-case, no dot, `""` if none), once a name is known. */
  get extension(): string | undefined {
    return this.#fileName === undefined ? undefined : extensionOf(this.#fileName);
  }

  /**
   * Detects whatever was not given — name, size, MIME type (sniffed from the first bytes only) and
   * a missing extension — and returns the complete description. Runs once; later calls return the
   * same result. A failed detection (say, a network error) is retried by the next call.
   *
   * @throws InputFileError when the source is missing, unreadable or not a file.
   */
  describe(): Promise<FileDescription> {
    this.#description ??= this.#detect().catch((error: unknown) => {
      this.#description = undefined;
      throw error;
    });
    return this.#description;
  }

  /**
   * The file's bytes as an async iterable. Each call starts again from the first byte where the
   * source allows it (a file, a buffer, a URL); a {@link StreamInputFile} can be read once. Nothing
   * is opened until iteration starts.
   *
   * @throws InputFileError (while iterating) when the source cannot be read.
   */
  stream(): AsyncIterable<Uint8Array> {
    return this.read();
  }

  /** An independent input file over the same source with the same options, ready to be read again. */
  abstract clone(): InputFile;

  /** Learns what the source knows; reads at most the first sniffing bytes when `needHead` is set. */
  protected abstract inspect(needHead: boolean): Promise<SourceFacts>;

  /** Opens the source and yields its bytes from the beginning. */
  protected abstract read(): AsyncGenerator<Uint8Array>;

  async #detect(): Promise<FileDescription> {
    const facts = await this.inspect(this.#mimeType === undefined);
    const sniffed = facts.head ? await sniffFileType(facts.head) : undefined;
    const fileSize = this.#fileSize ?? facts.fileSize;
    assertFileSize(fileSize, this.constructor.name);
    let fileName = this.#fileName ?? facts.fileName ?? FALLBACK_NAME;
    // A header's type counts only when it is well-formed and says more than "some bytes".
    const declared =
      isMimeType(facts.mimeType) && !facts.mimeType.startsWith(GENERIC_MIME_TYPE)
        ? facts.mimeType
        : undefined;
    const mimeType =
      this.#mimeType ??
      sniffed?.mimeType ??
      declared ??
      mimeTypeForExtension(extensionOf(fileName)) ??
      GENERIC_MIME_TYPE;
    if (extensionOf(fileName) === "") {
      const extension = sniffed?.extension ?? extensionForMimeType(mimeType);
      if (extension) fileName = `${fileName}.${extension}`;
    }
    this.#fileName = fileName;
    this.#fileSize = fileSize;
    this.#mimeType = mimeType;
    return { fileName, fileSize, mimeType, extension: extensionOf(fileName) };
  }
}
