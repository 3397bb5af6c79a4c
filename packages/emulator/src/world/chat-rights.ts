import type { ChatRecord, Participant } from "./chats.js";
import { WorldErrorCode } from "./error-codes.js";
import { isManager } from "./roles.js";
import { WorldRequestError } from "./world-request-error.js";

// Who may do what: 303 ("not enough rights") when another role could do it; 302 ("access denied") when nobody
// can, such as adding a third member to a P2P chat.

/** Posting: anyone in a P2P, group or Favorites chat; in a channel only owner, admin or writer. */
export function requirePostRight(chat: ChatRecord, member: Participant): void {
  if (
    chat.kind === "channel" &&
    member.role !== "owner" &&
    member.role !== "admin" &&
    member.role !== "writer"
  ) {
    throw new WorldRequestError(
      WorldErrorCode.NOT_ENOUGH_RIGHTS,
      `only the owner, admins and writers may post in channel ${chat.chatId}`,
    );
  }
}

/** Managing members, roles, title and avatar: only in group chats and channels, only by the owner or an admin. */
export function requireManageRight(chat: ChatRecord, member: Participant, what: string): void {
  if (chat.kind === "p2p" || chat.kind === "favorites") {
    throw new WorldRequestError(
      WorldErrorCode.ACCESS_DENIED,
      `${what} is not possible in a ${chat.kind} chat`,
    );
  }
  if (!isManager(member.role)) {
    throw new WorldRequestError(
      WorldErrorCode.NOT_ENOUGH_RIGHTS,
      `only the owner or an admin may ${what} in chat ${chat.chatId}`,
    );
  }
}

/** Acting for everyone (remove a message for all, clear history for all): any member of a P2P chat, else a manager. */
export function requireForAllRight(chat: ChatRecord, member: Participant, what: string): void {
  if (chat.kind === "p2p" || chat.kind === "favorites") return;
  if (!isManager(member.role)) {
    throw new WorldRequestError(
      WorldErrorCode.NOT_ENOUGH_RIGHTS,
      `only the owner or an admin may ${what} for everyone in chat ${chat.chatId}`,
    );
  }
}

/** Removing the chat: any member of a P2P chat, the owner otherwise. */
export function requireRemoveChatRight(chat: ChatRecord, member: Participant): void {
  if (chat.kind === "p2p") return;
  if (member.role !== "owner" && member.role !== "favorites_owner") {
    throw new WorldRequestError(
      WorldErrorCode.NOT_ENOUGH_RIGHTS,
      `only the owner may remove chat ${chat.chatId}`,
    );
  }
}
