import type { Dispatcher } from "undici";
import { describe, expectTypeOf, it } from "vitest";
import {
  type DownloadFileOptions,
  ExtensionFilterMode,
  type FileDescription,
  FileLimits,
  type InputFile,
  type StreamInputFile,
  type StreamInputFileOptions,
  type TransferOptions,
  type UploadFileOptions,
  type URLInputFileOptions,
  uploadFile,
  type VerifySsl,
} from "../src/index.js";

describe("public types", () => {
  it("describes a file with every field present", () => {
    expectTypeOf<FileDescription>().toEqualTypeOf<{
      fileName: string;
      fileSize: number;
      mimeType: string;
      extension: string;
    }>();
    expectTypeOf<InputFile["stream"]>().returns.toEqualTypeOf<AsyncIterable<Uint8Array>>();
  });

  it("uses literal unions for the extension filter mode", () => {
    expectTypeOf(ExtensionFilterMode.ALLOW).toEqualTypeOf<"allow">();
    expectTypeOf<FileLimits["mode"]>().toEqualTypeOf<"allow" | "block" | null>();
    expectTypeOf(FileLimits.from)
      .parameter(0)
      .toMatchTypeOf<{ maxSize?: number | null } | null | undefined>();
  });

  it("requires a name and a size for streams", () => {
    expectTypeOf<StreamInputFileOptions["fileName"]>().toEqualTypeOf<string>();
    expectTypeOf<StreamInputFileOptions["fileSize"]>().toEqualTypeOf<number>();
    expectTypeOf<ConstructorParameters<typeof StreamInputFile>[1]>().toEqualTypeOf<StreamInputFileOptions>();
  });

  it("types the transfer options and results", () => {
    expectTypeOf(uploadFile).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf<UploadFileOptions["onProgress"]>().toEqualTypeOf<
      ((sentBytes: number, totalBytes: number) => void) | undefined
    >();
    expectTypeOf<DownloadFileOptions["onProgress"]>().toEqualTypeOf<
      ((receivedBytes: number, totalBytes: number | null) => void) | undefined
    >();
  });

  it("names the undici dispatcher httpDispatcher everywhere, next to a VerifySsl", () => {
    expectTypeOf<TransferOptions["httpDispatcher"]>().toEqualTypeOf<Dispatcher | undefined>();
    expectTypeOf<UploadFileOptions["httpDispatcher"]>().toEqualTypeOf<Dispatcher | undefined>();
    expectTypeOf<DownloadFileOptions["httpDispatcher"]>().toEqualTypeOf<Dispatcher | undefined>();
    expectTypeOf<URLInputFileOptions["httpDispatcher"]>().toEqualTypeOf<Dispatcher | undefined>();
    expectTypeOf<TransferOptions["verifySsl"]>().toEqualTypeOf<VerifySsl | undefined>();
    expectTypeOf<UploadFileOptions>().not.toHaveProperty("dispatcher");
    expectTypeOf<URLInputFileOptions>().not.toHaveProperty("signal");
  });
});
