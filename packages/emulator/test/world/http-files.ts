import { FormData, fetch } from "undici";
import type { Emulator } from "../../src/index.js";

/** A file to upload over the HTTP endpoint. */
export interface UploadInput {
  name: string;
  data: Uint8Array;
  mimeType?: string;
  preview?: Uint8Array;
}

/**
 * POST a multipart upload (`file` and optional `preview` parts, `Upload-Task-Id` header) the way both reference
 * clients do, with undici; returns the HTTP status and the JSON body.
 */
export async function uploadOverHttp(
  emu: Emulator,
  uploadTaskId: string,
  input: UploadInput,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([input.data], { type: input.mimeType ?? "application/octet-stream" }),
    input.name,
  );
  if (input.preview)
    form.append("preview", new Blob([input.preview], { type: "image/webp" }), "preview.webp");
  const response = await fetch(`${emu.httpUrl}/bridge/api/client/v1/files`, {
    method: "POST",
    headers: { "Upload-Task-Id": uploadTaskId },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** GET a download URL; returns status, headers and the body bytes. */
export async function download(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url);
  return {
    status: response.status,
    headers: response.headers as unknown as Headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}
