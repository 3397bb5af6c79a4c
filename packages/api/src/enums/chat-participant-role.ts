/**
 * A participant's role in a chat. The wire form is a string (Python SDK); the numbers 0-6 that TrueConf's
 * objects page declares are accepted on input and mapped to these strings.
 *
 * @example
 * await api.changeParticipantRole({ chatId, userId: "alice", role: ChatParticipantRole.ADMIN });
 */
export const ChatParticipantRole = {
  OWNER: "owner",
  ADMIN: "admin",
  USER: "user",
  CONF_OWNER: "conf_owner",
  CONF_MODERATOR: "conf_moderator",
  FAVORITES_OWNER: "favorites_owner",
  WRITER: "writer",
} as const;

/** One of the {@link ChatParticipantRole} values. */
export type ChatParticipantRole = (typeof ChatParticipantRole)[keyof typeof ChatParticipantRole];

/** The numeric role codes of TrueConf's objects page, in order: index = wire number. */
export const numericParticipantRoles: readonly ChatParticipantRole[] = [
  "owner",
  "admin",
  "user",
  "conf_owner",
  "conf_moderator",
  "favorites_owner",
  "writer",
];
