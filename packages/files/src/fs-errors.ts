import { InputFileError } from "./input-file-error.js";

/** Turns a file-system failure into an {@link InputFileError} that says what is wrong with the path. */
export function inputFileErrorFromFs(error: unknown, path: string): InputFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === "ENOENT" || code === "ENOTDIR"
      ? "File not found"
      : code === "EACCES" || code === "EPERM"
        ? "File is not readable"
        : code === "EISDIR"
          ? "Path is a directory, not a file"
          : "File cannot be read";
  return new InputFileError(`${reason}: ${path}`, { cause: error });
}
