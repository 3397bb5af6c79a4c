import { type FrameRecord, redact } from "../frame-log.js";

/** A frame record as the control API sends it: no object cycles, bearer tokens hidden. */
export interface FrameJson {
  seq: number;
  sessionId: string;
  direction: "in" | "out";
  at: number;
  raw: string;
  frame?: Record<string, unknown>;
  result?: FrameRecord["result"];
  /** The `seq` of the response frame, once a client request was answered. */
  responseSeq?: number;
}

/**
 * The JSON form of a frame record. `auth` tokens are replaced by "[redacted]" in the raw text and the parsed
 * frame alike: the inspector and the frame routes are for looking at, and a token shown there would be a leak.
 *
 * @example
 * frameJson(record); // { seq: 0, sessionId: "s1", direction: "in", raw: '{"type":1,…"token":"[redacted]"…}', … }
 */
export function frameJson(record: FrameRecord): FrameJson {
  const json: FrameJson = {
    seq: record.seq,
    sessionId: record.sessionId,
    direction: record.direction,
    at: record.at,
    raw: redact(record.raw),
  };
  if (record.frame !== undefined) json.frame = redactFrame(record.frame);
  if (record.result !== undefined) json.result = record.result;
  if (record.response !== undefined) json.responseSeq = record.response.seq;
  return json;
}

function redactFrame(frame: Record<string, unknown>): Record<string, unknown> {
  const payload = frame.payload;
  if (typeof payload !== "object" || payload === null || !("token" in payload)) return frame;
  return { ...frame, payload: { ...payload, token: "[redacted]" } };
}
