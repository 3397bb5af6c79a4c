import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";

/** The playground's files ship next to the bundle (dist/playground/) and next to this module in the sources. */
const assetDirectory = new URL("./playground/", import.meta.url);

/** Path → file and content type. Nothing else under /playground is served (no directory walking). */
const assets: Readonly<Record<string, { file: string; type: string }>> = {
  "/playground": { file: "index.html", type: "text/html; charset=utf-8" },
  "/playground/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/playground/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/playground/rich-text.js": { file: "rich-text.js", type: "text/javascript; charset=utf-8" },
  "/playground/inspector.js": { file: "inspector.js", type: "text/javascript; charset=utf-8" },
  "/playground/api-client.js": { file: "api-client.js", type: "text/javascript; charset=utf-8" },
  "/playground/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};

/**
 * A strict Content-Security-Policy: scripts and styles only from the emulator itself, no inline script, no
 * plugins, no framing. Bot output is already rendered through an allow-list; this is the second wall, so that
 * even a mistake in the renderer could not run an injected handler.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Serves the web playground (`/playground`): a static page and its scripts, read once and kept in memory. Returns
 * `false` for any other path.
 *
 * @example
 * if (await servePlayground(req, res, pathname)) return;
 */
export function createPlaygroundEndpoint(): (
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
) => Promise<boolean> {
  const cache = new Map<string, Promise<Buffer>>();
  return async (req, res, pathname) => {
    const asset = Object.hasOwn(assets, pathname) ? assets[pathname] : undefined;
    if (asset === undefined) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET" });
      res.end();
      return true;
    }
    let bytes = cache.get(asset.file);
    if (bytes === undefined) {
      bytes = readFile(fileURLToPath(new URL(asset.file, assetDirectory)));
      cache.set(asset.file, bytes);
    }
    const body = await bytes;
    res.writeHead(200, {
      "content-type": asset.type,
      "content-length": body.length,
      "cache-control": "no-cache",
      "content-security-policy": contentSecurityPolicy,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
