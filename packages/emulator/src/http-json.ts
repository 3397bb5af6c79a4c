import type { IncomingMessage, ServerResponse } from "node:http";

/** Writes a JSON response (and, with `close`, ends the connection so an unread request body is not waited for). */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  sendJsonText(res, status, JSON.stringify(body), close);
}

/** Writes `text` as a JSON response as it is (fault knobs send bodies that are not JSON on purpose). */
export function sendJsonText(res: ServerResponse, status: number, text: string, close = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...(close ? { connection: "close" } : {}),
  });
  res.end(text);
}

/** A request body that is too large or not JSON. */
export class BadJsonBody extends Error {}

/** Reads a small JSON body, refusing more than `limit` bytes. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BadJsonBody(`body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadJsonBody("body is not JSON");
  }
}
