import { TrueConfChatBotError } from "./base-error.js";

/**
 * A public function or option got a value it cannot use; thrown before anything is sent.
 *
 * @example
 * new Transport({ server: "tc.example.org", token, webport: 443 }); // InvalidArgumentError: did you mean webPort?
 */
export class InvalidArgumentError extends TrueConfChatBotError {}
