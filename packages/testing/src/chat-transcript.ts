import { type ChatMessage, describeMessage } from "./chat-message.js";

/** Enough context to see what led to a failure; a longer chat is cut at its start. */
const shownMessages = 30;

/**
 * A chat's messages as a readable transcript, oldest first, one line a message: `  alice: "/start"`. Authors
 * are shown by login; the messages in `marked` (the one a failure is about) get an arrow.
 *
 * @example
 * chatTranscript("P2P chat with alice", messages, new Set([reply.messageId]));
 * // Transcript of the P2P chat with alice (oldest first):
 * //   alice: "/start"
 * // → bot: "Hello"
 */
export function chatTranscript(
  title: string,
  messages: readonly ChatMessage[],
  marked: ReadonlySet<string> = new Set(),
): string {
  if (messages.length === 0) return `Transcript of the ${title}: no messages.`;
  const lines = messages.slice(-shownMessages).map((message) => {
    const author = message.authorId.split("@")[0];
    const notes = [
      message.replyMessageId === undefined ? "" : "a reply",
      message.isEdited ? "edited" : "",
    ].filter((note) => note !== "");
    const reply = notes.length === 0 ? "" : ` (${notes.join(", ")})`;
    const arrow = marked.has(message.messageId) ? "→ " : "  ";
    return `${arrow}${author}${reply}: ${describeMessage(message)}`;
  });
  const cut = messages.length - shownMessages;
  if (cut > 0) lines.unshift(`  … ${cut} earlier message${cut === 1 ? "" : "s"}`);
  return [`Transcript of the ${title} (oldest first):`, ...lines].join("\n");
}
