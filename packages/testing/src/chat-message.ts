/** A file a message carries, as the emulator stored it. */
export interface ChatMessageFile {
  fileId: string;
  name: string;
  mimeType: string;
  size: number;
}

/**
 * One message of a chat as a human member sees it: what `nextMessage()` and `expectReply()` resolve with.
 * `text` is the text as it was sent (markup included; `parseMode` says which), or a file's caption.
 *
 * @example
 * const reply = await alice.expectReply(/^Hi/);
 * reply.text;      // "Hi! What is your name?"
 * reply.parseMode; // "text"
 */
export interface ChatMessage {
  readonly messageId: string;
  readonly chatId: string;
  /** The envelope type: 200 a text, 201 forwarded, 202 a file, 203 a location, 204 a survey, below 200 system. */
  readonly type: number;
  /** The author's TrueConf ID (`bot@emulator.local`). */
  readonly authorId: string;
  /** The text of a text message, or the caption of a file; undefined for anything else. */
  readonly text: string | undefined;
  /** `"text"`, `"markdown"` or `"html"` when there is a text. */
  readonly parseMode: string | undefined;
  /** The message this one replies to. */
  readonly replyMessageId: string | undefined;
  /** The attachment of a file message. */
  readonly file: ChatMessageFile | undefined;
  /** Whether it was edited by the time it was read. */
  readonly isEdited: boolean;
  /** Milliseconds since the epoch, as the server stamped it. */
  readonly timestamp: number;
  /** The whole wire envelope, for anything the fields above do not cover. */
  readonly envelope: Readonly<Record<string, unknown>>;
}

/** Reads a wire envelope (PROTOCOL.md 5.2) into a {@link ChatMessage}. */
export function chatMessageOf(envelope: Record<string, unknown>): ChatMessage {
  const content = objectOf(envelope.content);
  const caption = objectOf(content.caption);
  const textual = typeof content.text === "string" ? content : caption;
  return {
    messageId: String(envelope.messageId),
    chatId: String(envelope.chatId),
    type: Number(envelope.type),
    authorId: String(objectOf(envelope.author).id),
    text: typeof textual.text === "string" ? textual.text : undefined,
    parseMode: typeof textual.parseMode === "string" ? textual.parseMode : undefined,
    replyMessageId: typeof envelope.replyMessageId === "string" ? envelope.replyMessageId : undefined,
    file:
      typeof content.fileId === "string"
        ? {
            fileId: content.fileId,
            name: String(content.name),
            mimeType: String(content.mimeType),
            size: Number(content.size),
          }
        : undefined,
    isEdited: envelope.isEdited === true,
    timestamp: Number(envelope.timestamp),
    envelope,
  };
}

/** How a message reads in a transcript or an error: its quoted text, or what it is. */
export function describeMessage(message: ChatMessage): string {
  const text = message.text === undefined ? undefined : JSON.stringify(message.text);
  const mode =
    message.parseMode !== undefined && message.parseMode !== "text" ? ` (${message.parseMode})` : "";
  if (message.file !== undefined) {
    return `[file ${message.file.name}, ${message.file.size} B]${text === undefined ? "" : ` ${text}${mode}`}`;
  }
  if (text !== undefined) return `${message.type === 201 ? "[forwarded] " : ""}${text}${mode}`;
  const content = JSON.stringify(message.envelope.content ?? {});
  if (message.type === 203) return `[location] ${content}`;
  if (message.type === 204) return `[survey] ${content}`;
  return `[system ${message.type}] ${content}`;
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
