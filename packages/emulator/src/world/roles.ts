import type { ProtocolOptions } from "../protocol-options.js";

/**
 * Participant roles, in the string form of the Python SDK. The numeric form of TrueConf's objects page is the
 * index in {@link roleNumbering}.
 *
 * @example
 * world.createChat({ type: "group", owner: "alice" }); // alice gets ChatParticipantRole.OWNER
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

/** The numeric wire form: a role's number is its index here (OWNER=0 … WRITER=6). */
const roleNumbering: readonly ChatParticipantRole[] = [
  "owner",
  "admin",
  "user",
  "conf_owner",
  "conf_moderator",
  "favorites_owner",
  "writer",
];

/**
 * Read a role given in either wire form (`"admin"` or `1`), whatever `roleFormat` says: clients disagree, and
 * accepting both costs nothing. Unknown values give `undefined` (the caller answers 312).
 *
 * @example
 * parseRole("ADMIN"); // "admin"
 * parseRole(6); // "writer"
 */
export function parseRole(value: unknown): ChatParticipantRole | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? roleNumbering[value] : undefined;
  if (typeof value !== "string") return undefined;
  const lower = value.toLowerCase();
  return roleNumbering.find((role) => role === lower);
}

/** A role in the wire form `roleFormat` asks for. */
export function roleToWire(
  role: ChatParticipantRole,
  format: ProtocolOptions["roleFormat"],
): string | number {
  return format === "number" ? roleNumbering.indexOf(role) : role;
}

/** Whether a role may manage a group chat or channel (members, roles, title, avatar, acting for everyone). */
export function isManager(role: ChatParticipantRole | undefined): boolean {
  return role === "owner" || role === "admin";
}
