import { describeValue, InvalidArgumentError } from "@tc/bot";
import type { ChatMessage } from "./chat-message.js";

/**
 * What `expectReply` checks the bot's next message against: a string (the exact text), a RegExp (tested
 * against the text), or a predicate over the whole message (return `false`, or throw, to refuse it).
 *
 * @example
 * await alice.expectReply("Hi!");
 * await alice.expectReply(/^Nice to meet you/);
 * await alice.expectReply((message) => message.file?.name === "report.pdf");
 */
export type ReplyMatcher = string | RegExp | ((message: ChatMessage) => boolean);

/** Throws before anything waits when the matcher is none of the accepted kinds. */
export function checkMatcher(matcher: unknown): asserts matcher is ReplyMatcher {
  if (typeof matcher === "string" || matcher instanceof RegExp || typeof matcher === "function") return;
  throw new InvalidArgumentError(
    `expectReply needs a string, a RegExp or a predicate, got ${describeValue(matcher)}`,
  );
}

/** The matcher as a failure message names it. */
export function describeMatcher(matcher: ReplyMatcher): string {
  if (typeof matcher === "string") return JSON.stringify(matcher);
  if (matcher instanceof RegExp) return String(matcher);
  return `a message accepted by ${matcher.name === "" ? "the predicate" : matcher.name}`;
}

/** Whether the message matches; a predicate's throw is returned as the reason, not thrown. */
export function matches(
  matcher: ReplyMatcher,
  message: ChatMessage,
): { ok: true } | { ok: false; cause?: unknown } {
  if (typeof matcher === "string") return message.text === matcher ? { ok: true } : { ok: false };
  if (matcher instanceof RegExp) {
    // A global or sticky pattern keeps lastIndex between calls; start from 0 each time.
    matcher.lastIndex = 0;
    return message.text !== undefined && matcher.test(message.text) ? { ok: true } : { ok: false };
  }
  try {
    return matcher(message) ? { ok: true } : { ok: false };
  } catch (cause) {
    return { ok: false, cause };
  }
}
