import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { EmulatorConfigError } from "../errors.js";
import { BadJsonBody, readJsonBody, sendJson } from "../http-json.js";
import { WorldErrorCode } from "../world/error-codes.js";
import { WorldRequestError } from "../world/world-request-error.js";
import { ControlError, type ControlReply, type ControlRoute, type ControlTarget } from "./control-route.js";
import { controlRoutes } from "./control-routes.js";
import { type JsonSchema, type ObjectSchema, objectSchema, validate } from "./json-schema.js";
import { readMultipart } from "./multipart-reader.js";
import { controlApiPrefix } from "./openapi.js";

/** JSON bodies of the control API are small (texts, lists of users); a larger one is a mistake. */
const maxJsonBytes = 1024 * 1024;
const noQuery = objectSchema({});

interface CompiledRoute {
  route: ControlRoute;
  pattern: RegExp;
  names: string[];
}

function compile(route: ControlRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
      names.push(a ?? b);
      return "([^/]+)";
    });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

/** Query and form values arrive as strings: read the integers and booleans the schema asks for. */
function coerce(values: Record<string, string>, schema: ObjectSchema): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const property: JsonSchema | undefined = Object.hasOwn(schema.properties, key)
      ? schema.properties[key]
      : undefined;
    const type = property && "type" in property ? property.type : undefined;
    if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(value))
      result[key] = Number(value);
    else if (type === "boolean" && (value === "true" || value === "false")) result[key] = value === "true";
    else result[key] = value;
  }
  return result;
}

function checked(schema: ObjectSchema, value: unknown, where: string): Record<string, unknown> {
  const issues = validate(schema, value);
  const first = issues[0];
  if (first !== undefined) {
    const error = new ControlError(400, "invalid_request", `${where}: ${first.message}`, first.field);
    throw Object.assign(error, { issues });
  }
  return value as Record<string, unknown>;
}

/** The HTTP status of a refusal of the world: its wire code says whether something is missing or forbidden. */
function statusOf(error: WorldRequestError): number {
  switch (error.errorCode) {
    case WorldErrorCode.MALFORMED:
      return 400;
    case WorldErrorCode.CHAT_NOT_FOUND:
    case WorldErrorCode.MESSAGE_NOT_FOUND:
    case WorldErrorCode.FILE_NOT_FOUND:
      return 404;
    case WorldErrorCode.ACCESS_DENIED:
    case WorldErrorCode.NOT_ENOUGH_RIGHTS:
    case WorldErrorCode.NOT_A_PARTICIPANT:
      return 403;
    default:
      return 409;
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function write(res: ServerResponse, reply: ControlReply): void {
  if ("streaming" in reply) return;
  res.setHeader("cache-control", "no-store");
  if ("text" in reply) {
    res.writeHead(reply.status, {
      "content-type": reply.contentType,
      "content-length": Buffer.byteLength(reply.text),
    });
    res.end(reply.text);
  } else if (reply.status === 204 || reply.json === undefined) {
    res.writeHead(reply.status);
    res.end();
  } else sendJson(res, reply.status, reply.json);
}

/** Drains a body nobody reads, so that the client sees the answer instead of a reset connection. */
function drain(req: IncomingMessage): void {
  req.resume();
}

/**
 * The control API over HTTP (JSON under {@link controlApiPrefix}), driven by the route table. Returns a handler
 * that answers requests under the prefix and returns `false` for any other path.
 *
 * Every request is checked before anything happens: a cross-site browser request (an `Origin` that is not
 * the emulator's own) gets 403; with a `token`, a request without `Authorization: Bearer <token>` gets 401;
 * path, query and body are validated against the route's schemas (400 names the field). Refusals of the world
 * carry its wire `errorCode`.
 */
export function createControlApi(options: {
  target: ControlTarget;
  token: string | undefined;
}): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean> {
  const compiled = controlRoutes.map(compile);
  const run = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== "null") {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      if (host !== req.headers.host)
        throw new ControlError(403, "forbidden", "cross-origin requests are not accepted by the control API");
    }
    if (options.token !== undefined) {
      const header = req.headers.authorization ?? "";
      const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (given === undefined || !sameToken(given, options.token)) {
        res.setHeader("www-authenticate", 'Bearer realm="tc-emulator control API"');
        throw new ControlError(
          401,
          "unauthorized",
          "the control API needs Authorization: Bearer <control token>",
        );
      }
    }
    const matching = compiled.filter((entry) => entry.pattern.test(path));
    if (matching.length === 0) throw new ControlError(404, "not_found", `no control route ${path}`);
    const entry =
      matching.find((candidate) => candidate.route.method === req.method) ??
      (req.method === "HEAD" ? matching.find((candidate) => candidate.route.method === "GET") : undefined);
    if (entry === undefined) {
      res.setHeader("allow", matching.map((candidate) => candidate.route.method).join(", "));
      throw new ControlError(405, "method_not_allowed", `${req.method} is not allowed on ${path}`);
    }
    const { route } = entry;
    const values = entry.pattern.exec(path)?.slice(1) ?? [];
    const params: Record<string, string> = {};
    entry.names.forEach((name, index) => {
      try {
        params[name] = decodeURIComponent(values[index] ?? "");
      } catch {
        throw new ControlError(400, "invalid_request", `${name} is not a valid URL component`, name);
      }
    });
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const querySchema = route.query ?? noQuery;
    const query = checked(querySchema, coerce(Object.fromEntries(url.searchParams), querySchema), "query");
    let body: Record<string, unknown> = {};
    let files = new Map<string, import("./control-route.js").UploadedPart>();
    if (route.body?.kind === "json") {
      const type = req.headers["content-type"] ?? "";
      const length = req.headers["content-length"];
      const empty =
        length === "0" || (length === undefined && req.headers["transfer-encoding"] === undefined);
      if (empty) {
        drain(req);
        body = checked(route.body.schema, {}, "body");
      } else {
        if (!/^application\/json\b/i.test(type))
          throw new ControlError(415, "unsupported_media_type", "the body must be application/json");
        try {
          body = checked(route.body.schema, await readJsonBody(req, maxJsonBytes), "body");
        } catch (error) {
          if (error instanceof BadJsonBody)
            throw new ControlError(400, "invalid_request", `the ${error.message}`);
          throw error;
        }
      }
    } else if (route.body?.kind === "multipart") {
      const spec = route.body;
      const form = await readMultipart(
        req,
        spec.files.map((file) => file.name),
      );
      body = checked(spec.fields, coerce(form.fields, spec.fields), "form");
      for (const file of spec.files) {
        if (file.required && !form.files.has(file.name))
          throw new ControlError(
            400,
            "invalid_request",
            `form: ${file.name} is required (a file part)`,
            file.name,
          );
      }
      files = form.files;
    } else drain(req);
    write(res, await route.handle({ target: options.target, params, query, body, files, req, res }));
  };
  return async (req, res, pathname) => {
    if (pathname !== controlApiPrefix && !pathname.startsWith(`${controlApiPrefix}/`)) return false;
    const path = pathname.slice(controlApiPrefix.length) || "/";
    try {
      await run(req, res, path);
    } catch (error) {
      answerError(req, res, error);
    }
    return true;
  };
}

function answerError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  drain(req);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.setHeader("cache-control", "no-store");
  if (error instanceof ControlError) {
    const issues = (error as ControlError & { issues?: unknown }).issues;
    sendJson(res, error.status, {
      error: error.error,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(issues === undefined ? {} : { issues }),
    });
  } else if (error instanceof WorldRequestError) {
    sendJson(res, statusOf(error), { error: "refused", message: error.message, errorCode: error.errorCode });
  } else if (error instanceof EmulatorConfigError) {
    sendJson(res, 400, { error: "invalid_request", message: error.message });
  } else {
    sendJson(res, 500, { error: "server_error", message: "internal emulator error" });
  }
}
