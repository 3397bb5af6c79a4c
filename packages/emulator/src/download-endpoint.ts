import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultState } from "./faults.js";
import type { StoredFile } from "./world/world-contract.js";

/** `filename` for old clients (ASCII only) and `filename*` (RFC 5987, UTF-8) for the real name. */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Serves a stored file as a stream (PROTOCOL.md 3, H6). With `truncateDownloads` on, the connection is cut
 * after that many bytes while the Content-Length still promises the whole file.
 */
export function handleDownload(
  req: IncomingMessage,
  res: ServerResponse,
  file: StoredFile,
  faults: FaultState,
): void {
  res.writeHead(200, {
    "content-type": file.mimeType || "application/octet-stream",
    "content-length": file.size,
    "content-disposition": contentDisposition(file.name),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const cutAt = faults.downloadLimit;
  if (cutAt !== undefined && cutAt < file.size) {
    if (cutAt === 0) {
      res.flushHeaders();
      res.destroy();
      return;
    }
    const partial = createReadStream(file.path, { start: 0, end: cutAt - 1 });
    partial.on("error", () => res.destroy());
    // Ending the socket (not the response) flushes what was written and then closes: a short body.
    partial.on("end", () => req.socket.end());
    partial.pipe(res, { end: false });
    return;
  }
  const stream = createReadStream(file.path);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}
