import { requireForAllRight, requireManageRight, requireRemoveChatRight } from "./chat-rights.js";
import type { ChatKind, ChatRecord } from "./chats.js";
import { MessageType } from "./envelopes.js";
import { WorldErrorCode } from "./error-codes.js";
import type { MethodTable } from "./method-table.js";
import type { PayloadReader } from "./payload-reader.js";
import type { StoredFile } from "./world-contract.js";
import type { WorldCore } from "./world-core.js";
import { snapshotOf } from "./world-events.js";
import { WorldRequestError } from "./world-request-error.js";

/** The event announcing a new chat of each kind (E7-E10). */
const createEventOf: Readonly<Record<ChatKind, string>> = {
  p2p: "createP2PChat",
  group: "createGroupChat",
  channel: "createChannel",
  favorites: "createFavoritesChat",
};

/** Titles are shown in chat lists; an empty one is a mistake, a very long one is what the Python SDK rejects. */
const maxTitleLength = 256;

function checkTitle(title: string): string {
  if ([...title].length > maxTitleLength) {
    throw new WorldRequestError(
      WorldErrorCode.MALFORMED,
      `title must be at most ${maxTitleLength} characters`,
    );
  }
  return title;
}

/**
 * Tell every bot member about a new chat, each with the chat as it sees it. The create events carry the chat
 * object without `avatarUrl` (PROTOCOL.md E7-E10): a new chat has none.
 */
function announce(core: WorldCore, chat: ChatRecord): void {
  for (const userId of core.members(chat)) {
    const { avatarUrl: _none, ...event } = core.chatObject(chat, userId);
    core.push([userId], createEventOf[chat.kind], event);
  }
  core.report({ kind: "chatCreated", chat: snapshotOf(chat) });
  core.changed();
}

/**
 * Create a chat with `owner` and members. Used by the API methods, the simulated human and the control API, so
 * that every creation announces itself the same way.
 */
export function createChat(
  core: WorldCore,
  input: { kind: ChatKind; title: string; owner: string; members: string[] },
): ChatRecord {
  const chat = core.chats.create(input.kind, checkTitle(input.title));
  const ownerRole = input.kind === "favorites" ? "favorites_owner" : input.kind === "p2p" ? "user" : "owner";
  core.chats.join(chat, input.owner, ownerRole, true);
  for (const userId of input.members) {
    if (!chat.participants.has(userId)) core.chats.join(chat, userId, "user", true);
  }
  announce(core, chat);
  return chat;
}

/** The P2P chat of `actor` and `user`: the existing one, or a new one (announced to both sides). */
export function createP2PChat(core: WorldCore, actor: string, user: string): ChatRecord {
  const other = core.accounts.require(user).userId;
  if (other === actor)
    throw new WorldRequestError(WorldErrorCode.ACCESS_DENIED, "a P2P chat needs another user");
  return (
    core.chats.p2pBetween(actor, other) ??
    createChat(core, { kind: "p2p", title: "", owner: actor, members: [other] })
  );
}

/** The Favorites chat of `actor`: the existing one, or a new one. */
export function createFavoritesChat(core: WorldCore, actor: string): ChatRecord {
  return (
    core.chats.favoritesOf(actor) ??
    createChat(core, { kind: "favorites", title: "Favorites", owner: actor, members: [] })
  );
}

/** Remove a chat for everyone; its bot members get `removeChat`. */
export function removeChat(core: WorldCore, actor: string, chatId: string): void {
  const { chat, member } = core.chats.requireMembership(chatId, actor);
  requireRemoveChatRight(chat, member);
  const members = core.members(chat);
  core.chats.delete(chat);
  core.push(members, "removeChat", { chatId });
  core.report({ kind: "chatRemoved", chatId });
  core.changed();
}

/** Rename a group chat or channel: `editChatTitle` plus a system envelope (21). */
export function editChatTitle(core: WorldCore, actor: string, chatId: string, title: string): number {
  const { chat, member } = core.chats.requireMembership(chatId, actor);
  requireManageRight(chat, member, "change the title");
  chat.title = checkTitle(title);
  const timestamp = core.now();
  core.push(core.members(chat), "editChatTitle", { chatId, title: chat.title });
  core.reportChatChanged(chat);
  core.postSystem(chat, actor, MessageType.EDIT_CHAT_TITLE, { title: chat.title });
  return timestamp;
}

/** Set a group chat's or channel's avatar from uploaded bytes: `editChatAvatar` plus a system envelope (22). */
export function editChatAvatar(
  core: WorldCore,
  actor: string,
  chatId: string,
  takeBytes: () => { file: StoredFile; preview: StoredFile | undefined },
): void {
  const { chat, member } = core.chats.requireMembership(chatId, actor);
  requireManageRight(chat, member, "change the avatar");
  const file = core.files.add(takeBytes(), true);
  file.chats.add(chatId);
  chat.avatarUrl = core.files.downloadUrl(file);
  core.push(core.members(chat), "editChatAvatar", { chatId, avatarUrl: chat.avatarUrl });
  core.reportChatChanged(chat);
  core.postSystem(chat, actor, MessageType.EDIT_CHAT_AVATAR, { avatarUrl: chat.avatarUrl });
}

/**
 * Clear a chat's history. For everyone: the messages are gone, every bot member gets `clearHistory` and a system
 * envelope (23) marks the moment. For self: only `actor` stops seeing them, and only `actor` is told.
 */
export function clearHistory(core: WorldCore, actor: string, chatId: string, forAll: boolean): void {
  const { chat, member } = core.chats.requireMembership(chatId, actor);
  const wireForAll = core.options.clearHistoryForAll === "string" ? String(forAll) : forAll;
  if (forAll) {
    requireForAllRight(chat, member, "clear the history");
    core.chats.dropMessages(chat, () => true);
    core.push(core.members(chat), "clearHistory", { chatId, forAll: wireForAll });
    core.report({ kind: "historyCleared", chatId, by: actor, forAll: true });
    core.postSystem(chat, actor, MessageType.CLEAR_CHAT_HISTORY, {});
  } else {
    member.visibleFromBox = chat.nextBox;
    member.hidden.clear();
    core.push([actor], "clearHistory", { chatId, forAll: wireForAll });
    core.report({ kind: "historyCleared", chatId, by: actor, forAll: false });
    core.changed();
  }
}

function readTitle(core: WorldCore, input: PayloadReader): string {
  const key = core.options.createGroupChatKey;
  if (key === "both" && !input.has("title")) return input.string("name");
  return input.string(key === "name" ? "name" : "title");
}

/** Wire methods of this area. */
export const chatMethods: MethodTable = {
  createP2PChat(core, caller, input) {
    return { chatId: createP2PChat(core, caller, input.string("userId")).chatId };
  },
  createGroupChat(core, caller, input) {
    const chat = createChat(core, {
      kind: "group",
      title: readTitle(core, input),
      owner: caller,
      members: [],
    });
    return { chatId: chat.chatId };
  },
  createChannel(core, caller, input) {
    const chat = createChat(core, {
      kind: "channel",
      title: input.string("title"),
      owner: caller,
      members: [],
    });
    return { chatId: chat.chatId };
  },
  createFavoritesChat(core, caller) {
    return { chatId: createFavoritesChat(core, caller).chatId };
  },
  removeChat(core, caller, input) {
    removeChat(core, caller, input.string("chatId"));
    return {};
  },
  getChats(core, caller, input) {
    const count = input.integer("count", 1, 10);
    const page = input.integer("page", 1, 1);
    const chats = core.chats
      .of(caller)
      .slice((page - 1) * count, page * count)
      .map((chat) => core.chatObject(chat, caller));
    return core.options.getChatsShape === "array" ? chats : { chats };
  },
  getChatByID(core, caller, input) {
    const { chat } = core.chats.requireMembership(input.string("chatId"), caller);
    return core.chatObject(chat, caller);
  },
  editChatTitle(core, caller, input) {
    const chatId = input.string("chatId");
    return { chatId, timestamp: editChatTitle(core, caller, chatId, input.string("title")) };
  },
  editChatAvatar(core, caller, input) {
    const temporalFileId = input.string("temporalFileId");
    editChatAvatar(core, caller, input.string("chatId"), () =>
      core.files.takeTemporal(caller, temporalFileId),
    );
    return {};
  },
  clearHistory(core, caller, input) {
    clearHistory(core, caller, input.string("chatId"), input.boolean("forAll", false));
    return {};
  },
  getUserDisplayName(core, _caller, input) {
    return { displayName: core.accounts.require(input.string("userId")).displayName };
  },
};
