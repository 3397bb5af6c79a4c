import { LimitExceededError } from "@tc/core";

/**
 * A message text is longer than the server accepts (4096 visible characters, measured with the parse mode).
 * Thrown before anything is sent; split long texts with `safeSplitText` from `@tc/format`.
 *
 * @example
 * try { await api.sendMessage({ chatId, text }); }
 * catch (e) { if (e instanceof TextMessageTooLongError) console.log(e.actualValue, e.limit); }
 */
export class TextMessageTooLongError extends LimitExceededError {
  constructor(actualValue: number, limit = 4096) {
    super(
      `Message text is ${actualValue} visible characters long; the limit is ${limit}.`,
      actualValue,
      limit,
    );
  }
}

/**
 * A file caption is longer than the server accepts (4096 visible characters). Thrown before the upload starts.
 *
 * @example
 * await api.sendDocument({ chatId, file, caption: "short caption" });
 */
export class FileCaptionTooLongError extends LimitExceededError {
  constructor(actualValue: number, limit = 4096) {
    super(
      `File caption is ${actualValue} visible characters long; the limit is ${limit}.`,
      actualValue,
      limit,
    );
  }
}
