import { Readable } from "node:stream";
import { request } from "undici";
import type { Emulator } from "../../src/index.js";

/** One part of a multipart upload; `data` may be a generator so that huge bodies are never in memory. */
export interface UploadPart {
  name: string;
  filename: string;
  contentType: string;
  size: number;
  data: Uint8Array | (() => AsyncIterable<Uint8Array>);
}

/** A streamed multipart/form-data body with its exact length (filenames as raw UTF-8, like the Python SDK). */
export function multipartBody(parts: UploadPart[]): { contentType: string; length: number; body: Readable } {
  const boundary = `----tc-emulator-test-${Math.random().toString(16).slice(2)}`;
  const heads = parts.map((part) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
        `Content-Type: ${part.contentType}\r\n\r\n`,
    ),
  );
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const length = parts.reduce((sum, part, i) => sum + (heads[i]?.length ?? 0) + part.size + 2, tail.length);
  async function* generate() {
    for (const [i, part] of parts.entries()) {
      yield heads[i] as Buffer;
      if (part.data instanceof Uint8Array) yield part.data;
      else yield* part.data();
      yield Buffer.from("\r\n");
    }
    yield tail;
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    body: Readable.from(generate()),
  };
}

/** POSTs parts to the upload endpoint; returns status and JSON body. */
export async function upload(emu: Emulator, taskId: string | undefined, parts: UploadPart[]) {
  const { contentType, length, body } = multipartBody(parts);
  const headers: Record<string, string> = { "content-type": contentType, "content-length": String(length) };
  if (taskId !== undefined) headers["upload-task-id"] = taskId;
  const res = await request(`${emu.httpUrl}/bridge/api/client/v1/files`, { method: "POST", headers, body });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

/** A `file` part holding `data`. */
export function filePart(
  filename: string,
  data: Uint8Array,
  contentType = "application/octet-stream",
): UploadPart {
  return { name: "file", filename, contentType, size: data.length, data };
}
