import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { EmulatorConfigError } from "../errors.js";
import { newUuid } from "./ids.js";
import type { StoredFile } from "./world-contract.js";

/**
 * The world's bytes on disk: one fresh directory (inside `parentDir`, default the OS temp directory) that
 * `dispose()` removes with everything in it. Files are streamed chunk by chunk, never held in memory whole.
 *
 * @example
 * const storage = new FileStorage();
 * const stored = await storage.store(Readable.from([bytes]), { name: "a.txt", mimeType: "text/plain" });
 * await storage.dispose();
 */
export class FileStorage {
  private directory: Promise<string> | undefined;
  private disposed = false;

  constructor(private readonly parentDir: string = tmpdir()) {}

  /** Stream `source` into a new file and describe it; the size is counted while writing. */
  async store(source: Readable, meta: { name: string; mimeType: string }): Promise<StoredFile> {
    if (this.disposed) throw new EmulatorConfigError("the world's file storage has been disposed");
    const path = join(await this.ensureDirectory(), newUuid());
    let size = 0;
    try {
      await pipeline(
        source,
        async function* count(chunks: AsyncIterable<Buffer | string>) {
          for await (const chunk of chunks) {
            const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
            size += bytes.length;
            yield bytes;
          }
        },
        createWriteStream(path),
      );
    } catch (error) {
      // A broken or cut-off upload must not leave half a file behind.
      await rm(path, { force: true });
      throw error;
    }
    return { path, size, name: meta.name, mimeType: meta.mimeType };
  }

  /** Remove the directory and every stored file. Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const directory = this.directory;
    this.directory = undefined;
    if (directory) await rm(await directory, { recursive: true, force: true });
  }

  private ensureDirectory(): Promise<string> {
    this.directory ??= mkdir(this.parentDir, { recursive: true }).then(() =>
      mkdtemp(join(this.parentDir, "tc-emulator-")),
    );
    return this.directory;
  }
}
