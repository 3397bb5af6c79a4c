import { describeValue } from "@tc/core";

/** Frame types of the envelope (PROTOCOL.md 1.4). */
export const FrameType = { REQUEST: 1, RESPONSE: 2 } as const;

/** A server request (an event such as `sendMessage`) that must be acked with `{"type":2,"id"}`. */
export interface ServerRequestFrame {
  type: 1;
  id: number;
  /** Undefined when the server sent none; such a frame is acked and then skipped. */
  method?: unknown;
  payload?: unknown;
}

/** The server's answer to one of our requests. */
export interface ResponseFrame {
  type: 2;
  id: number;
  payload?: unknown;
}

/** A frame that passed the envelope checks. */
export type ServerFrame = ServerRequestFrame | ResponseFrame;

const maxId = 0xffff_ffff;

/**
 * Parses one text frame. Returns the frame (the parsed JSON object itself, to keep the hot path free of
 * copies) or a string saying why it is unusable; it never throws, whatever the server sent (the reason names a
 * bad field by a short description, never by serialising it: a deeply nested value would overflow the stack).
 */
export function parseFrame(text: string): ServerFrame | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const frame = value as { type?: unknown; id?: unknown };
  if (frame.type !== FrameType.REQUEST && frame.type !== FrameType.RESPONSE) {
    return `unknown frame type ${describeField(frame.type)}`;
  }
  const id = frame.id;
  if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id > maxId) {
    return `invalid id ${describeField(id)}`;
  }
  return value as ServerFrame;
}

/** Longest string shown in a reason; the rest of a server's text is not worth a log line. */
const maxShown = 40;

/** A field of a bad frame in a few characters: primitives as JSON (strings cut short), anything else by kind. */
function describeField(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") {
    return value.length > maxShown ? `${JSON.stringify(value.slice(0, maxShown))}…` : JSON.stringify(value);
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return `(${describeValue(value)})`;
}

/** The serialized ack of a server request: exactly `{"type":2,"id":N}`. */
export function ackFrame(id: number): string {
  return `{"type":2,"id":${id}}`;
}

/** The serialized client request around an already serialised payload. */
export function requestFrame(id: number, method: string, payloadJson: string): string {
  return `{"type":1,"id":${id},"method":${JSON.stringify(method)},"payload":${payloadJson}}`;
}
