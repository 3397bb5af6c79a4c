import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FaultState } from "./faults.js";
import { BadJsonBody, readJsonBody, sendJson, sendJsonText } from "./http-json.js";
import type { TokenSigner } from "./jwt.js";
import type { ProtocolOptions } from "./protocol-options.js";
import type { WorldApi } from "./world/world-contract.js";

const maxBodyBytes = 64 * 1024;

type OAuthError = "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type";

function oauthError(res: ServerResponse, status: number, error: OAuthError, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

/**
 * `POST /bridge/api/client/v1/oauth/token` (PROTOCOL.md 2.1): the JSON password grant. Checks run in the
 * order a real OAuth server checks them: body shape, grant type, client, then credentials.
 */
export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  parts: { world: WorldApi; signer: TokenSigner; protocol: ProtocolOptions; faults: FaultState },
): Promise<void> {
  let body: unknown;
  try {
    body = await readJsonBody(req, maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BadJsonBody)) throw error;
    oauthError(res, 400, "invalid_request", `The request ${error.message}`);
    return;
  }
  // Faults come after the body is read, as a real server that stalls or fails does it after receiving the request.
  const fault = parts.faults.takeTokenFault();
  const delay = parts.faults.token.delay;
  // unref: a held answer of an emulator that has stopped must not keep the process alive
  if (delay > 0) await sleep(delay, undefined, { ref: false });
  if (res.destroyed) return;
  if (fault.kind === "hang") return; // the socket stays open until the client gives up or the emulator stops
  if (fault.kind === "respond") {
    sendJsonText(res, fault.status, fault.body);
    return;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    oauthError(res, 400, "invalid_request", "The request body must be a JSON object");
    return;
  }
  const fields = body as Record<string, unknown>;
  for (const name of ["grant_type", "client_id", "username", "password"]) {
    if (typeof fields[name] !== "string") {
      oauthError(res, 400, "invalid_request", `The "${name}" field is missing or not a string`);
      return;
    }
  }
  if (fields.grant_type !== "password") {
    oauthError(res, 400, "unsupported_grant_type", "Only the password grant is supported");
    return;
  }
  if (fields.client_id !== "chat_bot") {
    oauthError(res, 401, "invalid_client", "Unknown client");
    return;
  }
  const userId = authenticate(parts.world, fields.username as string, fields.password as string);
  if (userId === undefined) {
    oauthError(res, 401, "invalid_grant", "Invalid username or password");
    return;
  }
  const lifetime = parts.protocol.tokenLifetimeSeconds;
  const { token, claims } = parts.signer.issue(userId, lifetime);
  const response: Record<string, unknown> = { access_token: token, token_type: "JWT" };
  if (parts.protocol.tokenExpiryFields !== "expires_at") response.expires_in = lifetime;
  if (parts.protocol.tokenExpiryFields !== "expires_in") response.expires_at = claims.exp;
  sendJson(res, 201, response);
}

/** Accepts the bare login and the full user id (`bot@server`) of an account of this server. */
function authenticate(world: WorldApi, username: string, password: string): string | undefined {
  const direct = world.authenticate(username, password);
  if (direct !== undefined) return direct;
  const domain = `@${world.serverName}`;
  return username.endsWith(domain)
    ? world.authenticate(username.slice(0, -domain.length), password)
    : undefined;
}
