import { requireForAllRight, requirePostRight } from "./chat-rights.js";
import { type ChatRecord, isVisibleTo, type Participant } from "./chats.js";
import { AuthorType, type Envelope, type MessageRecord, MessageType } from "./envelopes.js";
import { WorldErrorCode } from "./error-codes.js";
import { FileReadyState } from "./files.js";
import type { MethodTable } from "./method-table.js";
import { readTextContent, type TextContent } from "./text-content.js";
import type { WorldCore } from "./world-core.js";
import { WorldRequestError } from "./world-request-error.js";

/** A message that `actor` can see: 306 when it does not exist, is hidden, or lies in a chat `actor` is not in. */
function requireVisibleMessage(
  core: WorldCore,
  actor: string,
  messageId: string,
): { chat: ChatRecord; member: Participant; message: MessageRecord } {
  const found = core.chats.findMessage(messageId);
  const member = found?.chat.participants.get(actor);
  if (!found || !member || !isVisibleTo(member, found.message)) {
    throw new WorldRequestError(WorldErrorCode.MESSAGE_NOT_FOUND, `message ${messageId} not found`);
  }
  return { ...found, member };
}

/** The chat `actor` wants to post into (304/305/303), and the checked reply target (306) when one is given. */
export function requirePostTarget(
  core: WorldCore,
  actor: string,
  chatId: string,
  replyMessageId: string | undefined,
): ChatRecord {
  const { chat, member } = core.chats.requireMembership(chatId, actor);
  requirePostRight(chat, member);
  if (replyMessageId !== undefined) {
    const target = requireVisibleMessage(core, actor, replyMessageId);
    if (target.chat !== chat) {
      throw new WorldRequestError(
        WorldErrorCode.MESSAGE_NOT_FOUND,
        `message ${replyMessageId} is not in chat ${chatId}`,
      );
    }
  }
  return chat;
}

/** Post a plain (200) message. */
export function sendText(
  core: WorldCore,
  actor: string,
  input: { chatId: string; content: TextContent; replyMessageId?: string | undefined },
): MessageRecord {
  const chat = requirePostTarget(core, actor, input.chatId, input.replyMessageId);
  return core.post(chat, {
    author: { id: actor, type: AuthorType.USER },
    type: MessageType.PLAIN_MESSAGE,
    content: { ...input.content },
    replyMessageId: input.replyMessageId,
  });
}

/** Post a location (203); `description` is added only when the protocol option asks for it. */
export function sendLocation(
  core: WorldCore,
  actor: string,
  input: { chatId: string; latitude: number; longitude: number; title: string; description?: string },
): MessageRecord {
  if (!Number.isFinite(input.latitude) || Math.abs(input.latitude) > 90) {
    throw new WorldRequestError(WorldErrorCode.MALFORMED, "latitude must be a number between -90 and 90");
  }
  if (!Number.isFinite(input.longitude) || Math.abs(input.longitude) > 180) {
    throw new WorldRequestError(WorldErrorCode.MALFORMED, "longitude must be a number between -180 and 180");
  }
  if (typeof input.title !== "string") {
    throw new WorldRequestError(WorldErrorCode.MALFORMED, "the location title must be a string");
  }
  const chat = requirePostTarget(core, actor, input.chatId, undefined);
  const content: Record<string, unknown> = {
    latitude: input.latitude,
    longitude: input.longitude,
    title: input.title,
  };
  if (core.options.locationDescription) content.description = input.description ?? input.title;
  return core.post(chat, {
    author: { id: actor, type: AuthorType.USER },
    type: MessageType.LOCATION,
    content,
  });
}

/**
 * Replace a message's content (only its author may) and, with `announce`, deliver `editMessage` to the bot
 * members that see it. Used for text (200) and survey (204) edits alike.
 */
export function replaceContent(
  core: WorldCore,
  actor: string,
  messageId: string,
  type: MessageType,
  update: (content: Record<string, unknown>) => Record<string, unknown>,
  announce = true,
): { message: MessageRecord; timestamp: number } {
  const { chat, message } = requireVisibleMessage(core, actor, messageId);
  if (message.type !== type) {
    throw new WorldRequestError(WorldErrorCode.ACCESS_DENIED, `message ${messageId} is not of type ${type}`);
  }
  if (message.author.id !== actor) {
    throw new WorldRequestError(
      WorldErrorCode.ACCESS_DENIED,
      `only the author may edit message ${messageId}`,
    );
  }
  message.content = update(message.content);
  message.isEdited = true;
  const timestamp = core.now();
  if (announce) {
    const event: Record<string, unknown> = {};
    if (core.options.editMessageEventHasMessageId) event.messageId = message.messageId;
    Object.assign(event, { chatId: chat.chatId, timestamp, content: structuredClone(message.content) });
    core.push(core.viewersOf(chat, message), "editMessage", event);
  }
  core.report({
    kind: "messageEdited",
    chatId: chat.chatId,
    messageId,
    content: structuredClone(message.content),
  });
  core.changed();
  return { message, timestamp };
}

/** Edit the text of a plain message. */
export function editText(core: WorldCore, actor: string, messageId: string, content: TextContent) {
  return replaceContent(core, actor, messageId, MessageType.PLAIN_MESSAGE, () => ({ ...content }));
}

/**
 * Remove a message. For everyone: its author, or a manager of a group/channel; the bot members that saw it get
 * `removeMessage`. For self only: hidden from `actor`, and only `actor` is told.
 */
export function removeMessage(core: WorldCore, actor: string, messageId: string, forAll: boolean): void {
  const { chat, member, message } = requireVisibleMessage(core, actor, messageId);
  const event = { chatId: chat.chatId, messageId, removedBy: { id: actor, type: AuthorType.USER } };
  if (forAll) {
    if (message.author.id !== actor) requireForAllRight(chat, member, "remove a message");
    const viewers = core.viewersOf(chat, message);
    core.chats.dropMessages(chat, (candidate) => candidate === message);
    core.push(viewers, "removeMessage", event);
  } else {
    member.hidden.add(messageId);
    core.push([actor], "removeMessage", event);
  }
  core.report({ kind: "messageRemoved", chatId: chat.chatId, messageId, by: actor, forAll });
  core.changed();
}

/** The file an envelope carries, directly (202) or inside a forwarded message (201, nested or flat). */
function attachedFileId(envelope: Record<string, unknown>): string | undefined {
  const content = envelope.content;
  if (typeof content !== "object" || content === null) return undefined;
  const inner = content as Record<string, unknown>;
  if (envelope.type === MessageType.ATTACHMENT)
    return typeof inner.fileId === "string" ? inner.fileId : undefined;
  if (envelope.type !== MessageType.FORWARDED_MESSAGE) return undefined;
  return typeof inner.type === "number"
    ? attachedFileId(inner)
    : typeof inner.fileId === "string"
      ? inner.fileId
      : undefined;
}

/**
 * Forward a message into another chat as a FORWARDED_MESSAGE (201). Its content is the complete source envelope
 * (`forwardedContent: "nested"`) or the source's content itself (`"flat"`). A file still uploading cannot be
 * forwarded (311).
 */
export function forwardMessage(
  core: WorldCore,
  actor: string,
  messageId: string,
  toChatId: string,
): MessageRecord {
  const source = requireVisibleMessage(core, actor, messageId);
  const target = requirePostTarget(core, actor, toChatId, undefined);
  const sourceEnvelope = core.envelope(source.message);
  const fileId = attachedFileId(sourceEnvelope);
  const file = fileId === undefined ? undefined : core.files.get(fileId);
  if (file && file.readyState !== FileReadyState.READY) {
    throw new WorldRequestError(
      WorldErrorCode.FILE_NOT_READY,
      `the file of message ${messageId} is still uploading`,
    );
  }
  file?.chats.add(target.chatId);
  const content =
    core.options.forwardedContent === "nested" ? sourceEnvelope : (sourceEnvelope.content as Envelope);
  return core.post(target, {
    author: { id: actor, type: AuthorType.USER },
    type: MessageType.FORWARDED_MESSAGE,
    content,
  });
}

/**
 * A page of history, newest first (as the sample shows and chat clients scroll): up to `count` messages older
 * than `fromMessageId` (exclusive), or the newest ones without it. Fetching marks the page as read.
 */
function chatHistory(
  core: WorldCore,
  actor: string,
  input: { chatId: string; count: number; fromMessageId?: string | undefined },
): Envelope[] {
  const { chat, member } = core.chats.requireMembership(input.chatId, actor);
  let visible = core.visibleMessages(chat, member);
  if (input.fromMessageId !== undefined) {
    const from = requireVisibleMessage(core, actor, input.fromMessageId);
    if (from.chat !== chat) {
      throw new WorldRequestError(
        WorldErrorCode.MESSAGE_NOT_FOUND,
        `message ${input.fromMessageId} is not in chat ${chat.chatId}`,
      );
    }
    visible = visible.filter((message) => message.box < from.message.box);
  }
  const page = visible.slice(-input.count).reverse();
  const newest = page[0];
  if (newest && newest.box > member.readBox) member.readBox = newest.box;
  return page.map((message) => core.envelope(message));
}

/** Wire methods of this area. */
export const messageMethods: MethodTable = {
  sendMessage(core, caller, input) {
    const message = sendText(core, caller, {
      chatId: input.string("chatId"),
      content: readTextContent(input.object("content")),
      replyMessageId: input.optionalString("replyMessageId"),
    });
    return { chatId: message.chatId, messageId: message.messageId, timestamp: message.timestamp };
  },
  editMessage(core, caller, input) {
    const { message, timestamp } = editText(
      core,
      caller,
      input.string("messageId"),
      readTextContent(input.object("content")),
    );
    return { messageId: message.messageId, timestamp };
  },
  removeMessage(core, caller, input) {
    removeMessage(core, caller, input.string("messageId"), input.boolean("forAll", false));
    return {};
  },
  forwardMessage(core, caller, input) {
    const message = forwardMessage(core, caller, input.string("messageId"), input.string("chatId"));
    return { chatId: message.chatId, messageId: message.messageId, timestamp: message.timestamp };
  },
  getMessageById(core, caller, input) {
    return core.envelope(requireVisibleMessage(core, caller, input.string("messageId")).message);
  },
  getChatHistory(core, caller, input) {
    const chatId = input.string("chatId");
    const messages = chatHistory(core, caller, {
      chatId,
      count: input.integer("count", 1),
      fromMessageId: input.optionalString("fromMessageId"),
    });
    return { count: messages.length, chatId, messages };
  },
};
