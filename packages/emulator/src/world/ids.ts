import { randomBytes, randomUUID } from "node:crypto";

/** A 40-hex-character id, the shape real servers use for chats and files. */
export function newHexId(): string {
  return randomBytes(20).toString("hex");
}

/** A UUID, the shape real servers use for messages, upload tasks and temporal file ids. */
export function newUuid(): string {
  return randomUUID();
}
