/**
 * Envelope `type` values (PROTOCOL.md 6): system envelopes below 200, user content from 200.
 *
 * @example
 * envelope.type === MessageType.PLAIN_MESSAGE; // 200
 */
export const MessageType = {
  ADD_PARTICIPANT: 1,
  REMOVE_PARTICIPANT: 2,
  EDIT_CHAT_TITLE: 21,
  EDIT_CHAT_AVATAR: 22,
  CLEAR_CHAT_HISTORY: 23,
  PARTICIPANT_ROLE: 110,
  PLAIN_MESSAGE: 200,
  FORWARDED_MESSAGE: 201,
  ATTACHMENT: 202,
  LOCATION: 203,
  SURVEY: 204,
} as const;

/** One of the {@link MessageType} values. */
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** `author.type`: who wrote an envelope (system envelopes carry the acting user with type 0). */
export const AuthorType = { SYSTEM: 0, USER: 1 } as const;

/** One of the {@link AuthorType} values. */
export type AuthorType = (typeof AuthorType)[keyof typeof AuthorType];

/** Parse modes of text content. */
export const ParseMode = { TEXT: "text", MARKDOWN: "markdown", HTML: "html" } as const;

/** One of the {@link ParseMode} values. */
export type ParseMode = (typeof ParseMode)[keyof typeof ParseMode];

/** Whether a value is one of the {@link ParseMode} values. */
export function isParseMode(value: unknown): value is ParseMode {
  return value === "text" || value === "markdown" || value === "html";
}

/** The `author` object of an envelope. */
export interface EnvelopeAuthor {
  id: string;
  type: AuthorType;
}

/** One message as the world stores it. Attachment content is completed from the file when rendered. */
export interface MessageRecord {
  readonly messageId: string;
  readonly chatId: string;
  /** Position in the chat, counted from 1; the `box` of the envelope. */
  readonly box: number;
  readonly timestamp: number;
  readonly type: MessageType;
  readonly author: EnvelopeAuthor;
  content: Record<string, unknown>;
  isEdited: boolean;
  readonly replyMessageId: string | undefined;
}

/** A message envelope in wire form (PROTOCOL.md 5.2). */
export type Envelope = Record<string, unknown>;

/** The current `readyState` of a file, so that attachment envelopes always tell the truth. */
export type ReadyStateLookup = (fileId: string) => number | undefined;

/**
 * The wire envelope of a stored message, in the key order of protocol-samples.md. `replyMessageId` is present only
 * on replies.
 *
 * @example
 * sink.push(botId, "sendMessage", renderEnvelope(message, files.readyStateOf));
 */
export function renderEnvelope(message: MessageRecord, readyStateOf: ReadyStateLookup): Envelope {
  const envelope: Envelope = {
    messageId: message.messageId,
    chatId: message.chatId,
    timestamp: message.timestamp,
    isEdited: message.isEdited,
  };
  if (message.replyMessageId !== undefined) envelope.replyMessageId = message.replyMessageId;
  envelope.type = message.type;
  envelope.author = { ...message.author };
  envelope.box = { id: message.box, position: String(message.box) };
  envelope.content = renderContent(message, readyStateOf);
  return envelope;
}

/** The reduced envelope of a chat's `lastMessage` (PROTOCOL.md 5.2). */
export function renderLastMessage(message: MessageRecord, readyStateOf: ReadyStateLookup): Envelope {
  return {
    messageId: message.messageId,
    timestamp: message.timestamp,
    author: { ...message.author },
    type: message.type,
    content: renderContent(message, readyStateOf),
  };
}

function renderContent(message: MessageRecord, readyStateOf: ReadyStateLookup): Record<string, unknown> {
  const content = structuredClone(message.content);
  if (message.type === MessageType.ATTACHMENT && typeof content.fileId === "string") {
    content.readyState = readyStateOf(content.fileId) ?? content.readyState;
  }
  return content;
}
