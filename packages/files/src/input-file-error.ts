import { TrueConfChatBotError } from "@tc/core";

/**
 * An input file cannot be used: a missing or unreadable file, a directory, an empty name, a negative
 * size, a URL with an unsupported scheme, a single-use stream read twice, or a source that yields a
 * different number of bytes than declared. Raised when the file is created or first read.
 *
 * @example
 * new FSInputFile("missing.pdf"); // throws InputFileError: File not found: missing.pdf
 */
export class InputFileError extends TrueConfChatBotError {}
