import { TrueConfChatBotError } from "@tc/core";

/**
 * The server answered a call with a payload that does not have the documented shape. Only that call fails;
 * `payload` holds what arrived, `issues` says what was wrong with it.
 *
 * @example
 * try { await api.getChatById({ chatId }); }
 * catch (e) { if (e instanceof ResponseValidationError) console.log(e.method, e.issues); }
 */
export class ResponseValidationError extends TrueConfChatBotError {
  /** The wire method whose response broke its schema. */
  readonly method: string;
  /** Short descriptions of each problem, with the path of the offending key. */
  readonly issues: readonly string[];
  /** The payload as received. */
  readonly payload: unknown;
  constructor(method: string, issues: readonly string[], payload: unknown) {
    super(`Unexpected response to ${method}: ${issues.join("; ")}`);
    this.method = method;
    this.issues = issues;
    this.payload = payload;
  }
}
