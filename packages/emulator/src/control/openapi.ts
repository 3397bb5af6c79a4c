import type { ControlRoute } from "./control-route.js";
import { type JsonSchema, objectSchema, stringSchema } from "./json-schema.js";

/** Where the control API lives on the emulator's port, away from every protocol path. */
export const controlApiPrefix = "/emulator/api";

const errorSchema: JsonSchema = objectSchema(
  {
    error: stringSchema({ description: "invalid_request, not_found, unauthorized, refused…" }),
    message: stringSchema(),
    field: stringSchema({ description: "the field at fault, for bad input" }),
    issues: { type: "array", items: objectSchema({ field: stringSchema(), message: stringSchema() }) },
    errorCode: { type: "integer", description: "the wire error code, when the world refused the action" },
  },
  ["error", "message"],
);

/** The form fields and file parts of a multipart route, as one JSON Schema object (files as binary strings). */
function multipartSchema(route: ControlRoute): JsonSchema | undefined {
  if (route.body?.kind !== "multipart") return undefined;
  const { fields, files } = route.body;
  const properties: Record<string, JsonSchema> = { ...fields.properties };
  for (const file of files) properties[file.name] = { type: "string", description: file.description };
  const required = [...fields.required, ...files.filter((file) => file.required).map((file) => file.name)];
  return { ...objectSchema(properties, required), additionalProperties: false };
}

function operation(route: ControlRoute): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = [];
  for (const name of route.path.matchAll(/\{(\w+)\}/g)) {
    const key = name[1] ?? "";
    parameters.push({
      name: key,
      in: "path",
      required: true,
      description: route.params?.[key] ?? key,
      schema: { type: "string" },
    });
  }
  for (const [key, schema] of Object.entries(route.query?.properties ?? {})) {
    parameters.push({
      name: key,
      in: "query",
      required: route.query?.required.includes(key) ?? false,
      schema,
    });
  }
  const op: Record<string, unknown> = {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, "").replace(/[/.-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
    tags: [route.tag],
    summary: route.summary,
  };
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body?.kind === "json") {
    op.requestBody = { required: true, content: { "application/json": { schema: route.body.schema } } };
  } else if (route.body?.kind === "multipart") {
    const encoding = Object.fromEntries(
      route.body.files.map((file) => [file.name, { contentType: "application/octet-stream, */*" }]),
    );
    op.requestBody = {
      required: true,
      content: { "multipart/form-data": { schema: multipartSchema(route), encoding } },
    };
  }
  const success: Record<string, unknown> = { description: route.response.description };
  if (route.response.status !== 204) {
    const type = route.response.contentType ?? "application/json";
    success.content = {
      [type]: {
        schema:
          route.response.schema ?? (type === "application/json" ? { type: "object" } : { type: "string" }),
      },
    };
  }
  const problem = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  op.responses = {
    [String(route.response.status)]: success,
    "400": problem("bad input: the body says which field is wrong"),
    "401": problem("a control token is required (Authorization: Bearer …)"),
    "404": problem("no such account, chat, message or file"),
    "409": problem("the world refused the action (errorCode is the wire code a bot would get)"),
  };
  return op;
}

/**
 * The OpenAPI 3.1 document of the control API, built from the route table, so every route, parameter and
 * request schema it lists is exactly what the API routes and validates.
 *
 * @example
 * const doc = await (await fetch(`${emu.controlApiUrl}/openapi.json`)).json();
 * Object.keys(doc.paths); // ["/emulator/api/openapi.json", "/emulator/api/info", …]
 */
export function openApiDocument(routes: readonly ControlRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `${controlApiPrefix}${route.path}`;
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "tc-emulator control API",
      version: "1",
      description:
        "Build the emulator's world, act as its human users, switch faults on and watch every frame. " +
        "On a loopback address no token is needed; on any other address every request needs " +
        "`Authorization: Bearer <control token>` (printed at startup). The protocol endpoints never accept it.",
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { controlToken: { type: "http", scheme: "bearer" } },
    },
  };
}
