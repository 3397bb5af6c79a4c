import type { ChatKind, ChatRecord } from "./chats.js";
import type { Envelope } from "./envelopes.js";
import type { ChatParticipantRole } from "./roles.js";
import type { UploadLimits } from "./upload-limits.js";

/** A chat as the control API shows it: its kind, title and members, independent of any viewer. */
export interface ChatSnapshot {
  chatId: string;
  type: ChatKind;
  title: string;
  participants: { userId: string; role: ChatParticipantRole }[];
}

/** An account as the control API shows it (never its password). */
export interface AccountSnapshot {
  userId: string;
  login: string;
  displayName: string;
  isBot: boolean;
}

/**
 * Something that happened in the world, whoever caused it (a bot over the wire, a simulated human, the control
 * API). Unlike the wire events, which reach bot accounts only, these are what an observer of the whole world
 * sees: the playground's live view and the control API's event stream are built on them.
 *
 * @example
 * emu.onWorldEvent((event) => {
 *   if (event.kind === "message") console.log(event.chatId, event.message.content);
 * });
 */
export type WorldEvent =
  /** A message was posted (user content and system envelopes alike). */
  | { kind: "message"; chatId: string; message: Envelope }
  /** A message's content was replaced (text or survey edit). */
  | { kind: "messageEdited"; chatId: string; messageId: string; content: Record<string, unknown> }
  /** A message was removed, for everyone or only for `by`. */
  | { kind: "messageRemoved"; chatId: string; messageId: string; by: string; forAll: boolean }
  /** A chat's history was cleared, for everyone or only for `by`. */
  | { kind: "historyCleared"; chatId: string; by: string; forAll: boolean }
  /** A chat was created. */
  | { kind: "chatCreated"; chat: ChatSnapshot }
  /** A chat's title, avatar, members or roles changed. */
  | { kind: "chatChanged"; chat: ChatSnapshot; avatarUrl: string | null }
  /** A chat was removed. */
  | { kind: "chatRemoved"; chatId: string }
  /** The upload limits changed. */
  | { kind: "uploadLimits"; limits: UploadLimits }
  /** An account (human or bot) was added. */
  | { kind: "accountAdded"; account: AccountSnapshot };

/** The viewer-independent snapshot of a chat. */
export function snapshotOf(chat: ChatRecord): ChatSnapshot {
  const participants = [...chat.participants.values()].map(({ userId, role }) => ({ userId, role }));
  return { chatId: chat.chatId, type: chat.kind, title: chat.title, participants };
}
