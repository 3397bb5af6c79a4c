import { createHash } from "node:crypto";

/** What the coordinator reads of an event: its method, chat and, for messages, the message id. */
export interface ReplicaEvent {
  readonly method: string;
  readonly chatId?: string | undefined;
  readonly fromUserId?: string | undefined;
  readonly updateId?: number | undefined;
}

/**
 * The identity of an event that is the same in every session of the bot, so that replicas agree on it. The
 * frame id (`updateId`) is not: each session numbers its own pushes. A message is its chat and message id; any
 * other event is its method and a hash of its fields (the frame id left out), so two events with exactly the
 * same fields count as one while their claim lives.
 *
 * @example
 * eventIdentity(message); // "m:<chatId>:<messageId>"
 */
export function eventIdentity(event: ReplicaEvent): string {
  const messageId = (event as { messageId?: unknown }).messageId;
  if (event.method === "sendMessage" && typeof messageId === "string" && event.chatId !== undefined) {
    return `m:${event.chatId}:${messageId}`;
  }
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(event)) {
    if (name !== "updateId" && name !== "id") fields[name] = value;
  }
  const digest = createHash("sha1")
    .update(JSON.stringify(fields, (_, value) => (typeof value === "bigint" ? String(value) : value)))
    .digest("base64url");
  return `e:${event.method}:${digest}`;
}
