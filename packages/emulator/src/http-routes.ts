import type { IncomingMessage, ServerResponse } from "node:http";
import { handleDownload } from "./download-endpoint.js";
import type { FaultState } from "./faults.js";
import { sendJson } from "./http-json.js";
import type { TokenSigner } from "./jwt.js";
import { handleTokenRequest } from "./oauth-endpoint.js";
import type { ProtocolOptions } from "./protocol-options.js";
import { handleUpload } from "./upload-endpoint.js";
import type { WorldApi } from "./world/world-contract.js";

/** Everything the HTTP side needs. */
export interface HttpParts {
  world: WorldApi;
  faults: FaultState;
  signer: TokenSigner;
  protocol: ProtocolOptions;
  serverVersion: string;
  /**
   * Handlers tried before the 404, in order (the control API, the playground); each returns whether it took
   * the request. They live on their own paths, never on a protocol path.
   */
  extra: readonly ((req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>)[];
}

const tokenPath = "/bridge/api/client/v1/oauth/token";
const serverInfoPath = "/api/v4/server";
const uploadPath = "/bridge/api/client/v1/files";

function methodNotAllowed(res: ServerResponse, allowed: string): void {
  res.setHeader("allow", allowed);
  sendJson(res, 405, { error: "method_not_allowed", error_description: `Use ${allowed}` });
}

/**
 * The HTTP request listener: token, server info, upload and download endpoints. Anything unexpected gets a
 * JSON error; an exception inside a handler becomes a 500 instead of a crashed emulator.
 */
export function createHttpListener(parts: HttpParts): (req: IncomingMessage, res: ServerResponse) => void {
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? "/", "http://emulator.invalid").pathname;
    switch (pathname) {
      case tokenPath:
        if (req.method !== "POST") return methodNotAllowed(res, "POST");
        return handleTokenRequest(req, res, parts);
      case serverInfoPath:
        if (req.method !== "GET" && req.method !== "HEAD") return methodNotAllowed(res, "GET");
        return sendJson(res, 200, {
          product: { version: parts.serverVersion, display_name: parts.world.serverName },
        });
      case uploadPath:
        if (req.method !== "POST") return methodNotAllowed(res, "POST");
        return handleUpload(req, res, parts);
    }
    const file =
      req.method === "GET" || req.method === "HEAD" ? parts.world.resolveDownload(pathname) : undefined;
    if (file !== undefined) return handleDownload(req, res, file, parts.faults);
    for (const handler of parts.extra) if (await handler(req, res, pathname)) return;
    sendJson(res, 404, { error: "not_found", error_description: "No such endpoint or file" });
  };
  return (req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { error: "server_error", error_description: "Internal emulator error" });
      else res.destroy();
    });
  };
}
