import { requireManageRight } from "./chat-rights.js";
import { AuthorType, MessageType } from "./envelopes.js";
import { WorldErrorCode } from "./error-codes.js";
import type { MethodTable } from "./method-table.js";
import { type ChatParticipantRole, parseRole } from "./roles.js";
import type { WorldCore } from "./world-core.js";
import { WorldRequestError } from "./world-request-error.js";

/** Roles a manager may hand out; the others belong to chat creation (owner) or other chat kinds. */
const assignableRoles: ReadonlySet<ChatParticipantRole> = new Set(["admin", "user", "writer"]);

/**
 * Add a user to a group chat or channel (owner/admin only). Every bot member, the new one included, gets
 * `addChatParticipant`, followed by a system envelope (1). Without `displayHistory` the new member sees only
 * what is posted from now on.
 */
export function addParticipant(
  core: WorldCore,
  actor: string,
  input: { chatId: string; user: string; displayHistory: boolean },
): void {
  const { chat, member } = core.chats.requireMembership(input.chatId, actor);
  requireManageRight(chat, member, "add participants");
  const userId = core.accounts.require(input.user).userId;
  if (chat.participants.has(userId)) {
    throw new WorldRequestError(
      WorldErrorCode.ALREADY_IN_CHAT,
      `${userId} is already in chat ${chat.chatId}`,
    );
  }
  const added = core.chats.join(chat, userId, "user", input.displayHistory);
  core.push(core.members(chat), "addChatParticipant", {
    timestamp: core.now(),
    chatId: chat.chatId,
    userId,
    addedBy: { id: actor, type: AuthorType.USER },
  });
  core.reportChatChanged(chat);
  core.postSystem(chat, actor, MessageType.ADD_PARTICIPANT, { userId, role: core.wireRole(added.role) });
}

/**
 * Remove a member: a manager may remove anyone but the owner; anyone may leave. Every bot member, the removed one
 * included, gets `removeChatParticipant`; the remaining ones then get a system envelope (2).
 */
export function removeParticipant(
  core: WorldCore,
  actor: string,
  input: { chatId: string; user: string },
): void {
  const { chat, member } = core.chats.requireMembership(input.chatId, actor);
  const target = core.accounts.resolve(input.user);
  const removed = target && chat.participants.get(target.userId);
  if (!target || !removed) {
    throw new WorldRequestError(
      WorldErrorCode.NOT_A_PARTICIPANT,
      `${input.user} is not a participant of chat ${chat.chatId}`,
    );
  }
  if (removed.userId !== actor) requireManageRight(chat, member, "remove participants");
  if (chat.kind === "p2p" || chat.kind === "favorites" || removed.role === "owner") {
    throw new WorldRequestError(
      WorldErrorCode.ACCESS_DENIED,
      `${removed.userId} cannot be removed from chat ${chat.chatId}`,
    );
  }
  core.push(core.members(chat), "removeChatParticipant", {
    timestamp: core.now(),
    chatId: chat.chatId,
    userId: removed.userId,
    removedBy: { id: actor, type: AuthorType.USER },
  });
  chat.participants.delete(removed.userId);
  core.reportChatChanged(chat);
  core.postSystem(chat, actor, MessageType.REMOVE_PARTICIPANT, { userId: removed.userId });
}

/**
 * Change a member's role (owner/admin only): 312 for a role that does not exist (writer exists only in
 * channels), 302 for roles nobody can hand out and for the owner's own role. Bot members get
 * `changeParticipantRole` and a system envelope (110).
 */
export function changeRole(
  core: WorldCore,
  actor: string,
  input: { chatId: string; user: string; role: unknown },
): void {
  const { chat, member } = core.chats.requireMembership(input.chatId, actor);
  const role = parseRole(input.role);
  if (role === undefined || (role === "writer" && chat.kind !== "channel")) {
    throw new WorldRequestError(
      WorldErrorCode.ROLE_NOT_FOUND,
      `role ${JSON.stringify(input.role)} not found`,
    );
  }
  requireManageRight(chat, member, "change roles");
  const target = core.accounts.resolve(input.user);
  const changed = target && chat.participants.get(target.userId);
  if (!target || !changed) {
    throw new WorldRequestError(
      WorldErrorCode.NOT_A_PARTICIPANT,
      `${input.user} is not a participant of chat ${chat.chatId}`,
    );
  }
  if (!assignableRoles.has(role) || changed.role === "owner") {
    throw new WorldRequestError(
      WorldErrorCode.ACCESS_DENIED,
      `the role "${role}" cannot be given to ${changed.userId}`,
    );
  }
  changed.role = role;
  core.push(core.members(chat), "changeParticipantRole", {
    timestamp: core.now(),
    role: core.wireRole(role),
    chatId: chat.chatId,
    userId: changed.userId,
  });
  core.reportChatChanged(chat);
  core.postSystem(chat, actor, MessageType.PARTICIPANT_ROLE, {
    userId: changed.userId,
    role: core.wireRole(role),
  });
}

/** Wire methods of this area. */
export const participantMethods: MethodTable = {
  addChatParticipant(core, caller, input) {
    addParticipant(core, caller, {
      chatId: input.string("chatId"),
      user: input.string("userId"),
      displayHistory: input.boolean("displayHistory", false),
    });
    return {};
  },
  removeChatParticipant(core, caller, input) {
    // `clearHistory` is accepted (and type-checked) but has nothing left to clear: a removed member sees nothing.
    input.boolean("clearHistory", false);
    removeParticipant(core, caller, { chatId: input.string("chatId"), user: input.string("userId") });
    return {};
  },
  getChatParticipants(core, caller, input) {
    const { chat } = core.chats.requireMembership(input.string("chatId"), caller);
    const all = [...chat.participants.values()];
    const pageSize = input.integer("pageSize", 1, Math.max(all.length, 1));
    const pageNumber = input.integer("pageNumber", 1, 1);
    const participants = all
      .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
      .map((member) => ({ userId: member.userId, role: core.wireRole(member.role) }));
    return { participants };
  },
  getChatParticipant(core, caller, input) {
    const { chat } = core.chats.requireMembership(input.string("chatId"), caller);
    const user = input.string("userId");
    const member = chat.participants.get(core.accounts.resolve(user)?.userId ?? "");
    if (!member)
      throw new WorldRequestError(
        WorldErrorCode.NOT_A_PARTICIPANT,
        `${user} is not a participant of chat ${chat.chatId}`,
      );
    return { userId: member.userId, role: core.wireRole(member.role), type: AuthorType.USER };
  },
  hasChatParticipant(core, caller, input) {
    const { chat } = core.chats.requireMembership(input.string("chatId"), caller);
    return { result: chat.participants.has(core.accounts.resolve(input.string("userId"))?.userId ?? "") };
  },
  changeParticipantRole(core, caller, input) {
    const chatId = input.string("chatId");
    const user = input.string("userId");
    changeRole(core, caller, { chatId, user, role: input.required("role") });
    return {};
  },
};
