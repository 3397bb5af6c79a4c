import * as core from "@tc/core";
import { describe, expect, it } from "vitest";
import {
  FileLimits,
  FileSizeTooLargeError,
  FileValidationError,
  InputFileError,
  InvalidFileExtensionError,
  LimitExceededError,
  TransferOptionsError,
  TrueConfChatBotError,
} from "../src/index.js";

describe("errors shared with @tc/core", () => {
  it("re-exports the core classes themselves, which the file errors extend", () => {
    expect(LimitExceededError).toBe(core.LimitExceededError);
    expect(TrueConfChatBotError).toBe(core.TrueConfChatBotError);
    const tooLarge = new FileSizeTooLargeError(10, 5);
    expect(tooLarge).toBeInstanceOf(core.LimitExceededError);
    expect(tooLarge).toMatchObject({ actualValue: 10, limit: 5, name: "FileSizeTooLargeError" });
    expect(new TransferOptionsError("x")).toBeInstanceOf(core.InvalidArgumentError);
  });
});

const file = (fileName: string, fileSize = 10) => ({ fileName, fileSize });

describe("FileLimits.from", () => {
  it("normalises extension entries: leading dots, globs, case and blanks", () => {
    const limits = FileLimits.from({
      maxSize: null,
      extensions: { mode: "block", list: [".EXE", "..Bat", "*.Cmd", " msi ", "", "."] },
    });
    expect([...limits.extensions].sort()).toEqual(["bat", "cmd", "exe", "msi"]);
    expect(limits.mode).toBe("block");
  });

  it.each([
    ["null", null, null],
    ["undefined", undefined, null],
    ["a positive size", 1000, 1000],
    ["a fractional size", 1000.7, 1000],
    ["zero (treated as unset)", 0, null],
    ["a negative size", -5, null],
    ["NaN", Number.NaN, null],
    ["a string", "1000" as unknown as number, null],
  ])("reads maxSize %s", (_label, maxSize, expected) => {
    expect(FileLimits.from({ maxSize }).maxSize).toBe(expected);
  });

  it.each([
    ["null extensions", { extensions: null }],
    ["missing extensions", {}],
    ["an unknown mode", { extensions: { mode: "deny", list: ["exe"] } }],
    ["a null payload", null],
  ])("has no extension filter for %s", (_label, payload) => {
    const limits = FileLimits.from(payload as Parameters<typeof FileLimits.from>[0]);
    expect(limits.mode).toBeNull();
    expect(limits.extensions.size).toBe(0);
    expect(() => limits.check(file("anything.exe"))).not.toThrow();
  });

  it("ignores a list that is not an array and entries that are not strings", () => {
    expect(
      FileLimits.from({ extensions: { mode: "allow", list: "pdf" as unknown as string[] } }).extensions.size,
    ).toBe(0);
    const mixed = FileLimits.from({
      extensions: { mode: "allow", list: ["pdf", 5, null] as unknown as string[] },
    });
    expect([...mixed.extensions]).toEqual(["pdf"]);
  });

  it("clears a filter when a later payload says null", () => {
    const first = FileLimits.from({ extensions: { mode: "block", list: ["exe"] } });
    expect(() => first.check(file("a.exe"))).toThrow(InvalidFileExtensionError);
    const cleared = FileLimits.from({ maxSize: null, extensions: null });
    expect(() => cleared.check(file("a.exe"))).not.toThrow();
  });

  it("has a NONE value that allows everything", () => {
    expect(() => FileLimits.NONE.check(file("a.exe", Number.MAX_SAFE_INTEGER))).not.toThrow();
  });
});

describe("FileLimits.check", () => {
  it("raises FileSizeTooLargeError with the actual value and the limit", () => {
    const limits = FileLimits.from({ maxSize: 100 });
    expect(() => limits.check(file("a.txt", 100))).not.toThrow();
    try {
      limits.check(file("a.txt", 101));
    } catch (error) {
      expect(error).toBeInstanceOf(FileSizeTooLargeError);
      expect(error).toBeInstanceOf(LimitExceededError);
      expect(error).toMatchObject({ actualValue: 101, limit: 100 });
    }
    expect.assertions(4);
  });

  it("checks the size before the extension", () => {
    const limits = FileLimits.from({ maxSize: 5, extensions: { mode: "block", list: ["exe"] } });
    expect(() => limits.check(file("a.exe", 6))).toThrow(FileSizeTooLargeError);
  });

  describe("allow mode", () => {
    const limits = FileLimits.from({ extensions: { mode: "allow", list: ["pdf", ".PNG", "tar.gz"] } });

    it.each(["report.pdf", "REPORT.PDF", "chart.png", "backup.tar.gz"])("allows %s", (name) => {
      expect(() => limits.check(file(name))).not.toThrow();
    });

    it.each([
      ["setup.exe", "exe"],
      ["archive.gz", "gz"],
      ["README", ""],
      [".pdf", ""],
    ])("refuses %s (extension %j)", (name, extension) => {
      try {
        limits.check(file(name));
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidFileExtensionError);
        expect(error).toBeInstanceOf(FileValidationError);
        expect(error).toMatchObject({ extension, mode: "allow" });
        expect((error as InvalidFileExtensionError).extensions).toBe(limits.extensions);
      }
      expect.assertions(4);
    });

    it("allows nothing with an empty list", () => {
      const empty = FileLimits.from({ extensions: { mode: "allow", list: [] } });
      expect(() => empty.check(file("a.pdf"))).toThrow(InvalidFileExtensionError);
    });
  });

  describe("block mode", () => {
    const limits = FileLimits.from({ extensions: { mode: "block", list: ["EXE", "tar.gz"] } });

    it.each(["report.pdf", "README", "archive.gz", ".exe"])("allows %s", (name) => {
      expect(() => limits.check(file(name))).not.toThrow();
    });

    it.each([
      ["setup.exe", "exe"],
      ["SETUP.EXE", "exe"],
      ["backup.tar.gz", "tar.gz"],
    ])("refuses %s (matched %j)", (name, extension) => {
      expect(() => limits.check(file(name))).toThrow(expect.objectContaining({ extension, mode: "block" }));
    });

    it("blocks nothing with an empty list", () => {
      const empty = FileLimits.from({ extensions: { mode: "block", list: [] } });
      expect(() => empty.check(file("a.exe"))).not.toThrow();
    });
  });

  it.each([
    ["no file", undefined],
    ["an empty name", { fileName: "", fileSize: 1 }],
    ["a negative size", { fileName: "a", fileSize: -1 }],
  ])("rejects %s with InputFileError", (_label, input) => {
    expect(() => FileLimits.NONE.check(input as { fileName: string; fileSize: number })).toThrow(
      InputFileError,
    );
  });
});
