import type { IncomingMessage, ServerResponse } from "node:http";
import type { Faults } from "../faults.js";
import type { FrameRecord } from "../frame-log.js";
import type { SessionInfo } from "../session.js";
import type { World } from "../world/world.js";
import type { EventStream } from "./event-stream.js";
import type { JsonSchema, ObjectSchema } from "./json-schema.js";

/** The HTTP methods the control API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** What the control routes act on: the emulator's world, knobs and logs. */
export interface ControlTarget {
  world: World;
  faults: Faults;
  sessions(): SessionInfo[];
  framesSince(seq: number): FrameRecord[];
  frameCount(): number;
  transcript(): string;
  issueToken(login: string, options: { expiresInSeconds?: number }): string;
  /** The emulator's URLs and names, for `GET /info`. */
  info(): Record<string, unknown>;
  events: EventStream;
}

/** A file part of a multipart request, read into memory. */
export interface UploadedPart {
  filename: string;
  mimeType: string;
  data: Buffer;
}

/** Everything a route handler gets: validated path parameters, query and body. */
export interface ControlContext {
  target: ControlTarget;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  files: ReadonlyMap<string, UploadedPart>;
  req: IncomingMessage;
  res: ServerResponse;
}

/** A handler's answer: JSON (or nothing with 204), plain text, or "the handler wrote the response itself". */
export type ControlReply =
  | { status: number; json?: unknown }
  | { status: number; text: string; contentType: string }
  | { streaming: true };

/** A multipart file part a route accepts. */
export interface FilePartSpec {
  name: string;
  required: boolean;
  description: string;
}

/** How a route reads its request body. */
export type BodySpec =
  | { kind: "json"; schema: ObjectSchema }
  | { kind: "multipart"; fields: ObjectSchema; files: readonly FilePartSpec[] };

/**
 * One entry of the control API's route table: the single source of truth for routing, request validation and
 * the OpenAPI document.
 */
export interface ControlRoute {
  method: HttpMethod;
  /** Below the API prefix, with `{name}` for path parameters: `/as/{user}/messages`. */
  path: string;
  /** Groups routes in the OpenAPI document. */
  tag: string;
  summary: string;
  /** Descriptions of the path parameters. */
  params?: Record<string, string>;
  /** Query parameters (strings on the wire, converted to the schema's integers and booleans first). */
  query?: ObjectSchema;
  body?: BodySpec;
  response: { status: number; description: string; schema?: JsonSchema; contentType?: string };
  handle(context: ControlContext): ControlReply | Promise<ControlReply>;
}

/**
 * A control request that cannot be carried out, with the HTTP status and (for bad input) the field at fault.
 *
 * @example
 * throw new ControlError(404, "not_found", 'no user "dave"', "user");
 */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ControlError";
  }
}
