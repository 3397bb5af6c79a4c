import type { IncomingMessage } from "node:http";
import { Busboy } from "@fastify/busboy";

/** One file part as a server received it. */
export interface ReceivedPart {
  field: string;
  fileName: string;
  mimeType: string;
  data: Buffer;
}

/** What a test upload endpoint saw. */
export interface ReceivedUpload {
  uploadTaskId: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  parts: ReceivedPart[];
  /** The body's first 4 KiB exactly as sent, to check header bytes such as raw UTF-8 file names. */
  rawHead: Buffer;
}

/** Parses a multipart upload with a streaming parser (busboy), as a real server would. */
export function receiveUpload(req: IncomingMessage): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    const parts: ReceivedPart[] = [];
    const pending: Promise<void>[] = [];
    const raw: Buffer[] = [];
    let rawBytes = 0;
    req.on("data", (chunk: Buffer) => {
      if (rawBytes < 4096) raw.push(chunk.subarray(0, 4096 - rawBytes));
      rawBytes += chunk.byteLength;
    });
    const parser = Busboy({ headers: req.headers as { "content-type": string } });
    parser.on("file", (field, stream, fileName, _encoding, mimeType) => {
      pending.push(
        (async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          parts.push({ field, fileName, mimeType, data: Buffer.concat(chunks) });
        })(),
      );
    });
    parser.on("error", reject);
    parser.on("finish", () => {
      Promise.all(pending).then(
        () =>
          resolve({
            uploadTaskId: req.headers["upload-task-id"] as string | undefined,
            contentType: req.headers["content-type"],
            contentLength: req.headers["content-length"],
            parts,
            rawHead: Buffer.concat(raw),
          }),
        reject,
      );
    });
    req.pipe(parser);
  });
}
