/**
 * The small subset of JSON Schema (2020-12, the dialect of OpenAPI 3.1) that the control API's request bodies
 * need. One schema object does two jobs: {@link validate} checks a request against it, and the OpenAPI document
 * embeds it as it is, so the documentation cannot drift from what is enforced.
 */
export type JsonSchema =
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | NullSchema
  | ArraySchema
  | ObjectSchema
  | AnyOfSchema;

interface Described {
  description?: string;
}

/** A string, optionally constrained. */
export interface StringSchema extends Described {
  type: "string";
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: readonly string[];
}

/** An integer or any number, optionally bounded. */
export interface NumberSchema extends Described {
  type: "integer" | "number";
  minimum?: number;
  maximum?: number;
}

/** `true` or `false`. */
export interface BooleanSchema extends Described {
  type: "boolean";
}

/** `null` (used inside `anyOf` for nullable values). */
export interface NullSchema extends Described {
  type: "null";
}

/** An array of one item schema. */
export interface ArraySchema extends Described {
  type: "array";
  items: JsonSchema;
  minItems?: number;
  maxItems?: number;
}

/** An object with known properties; unknown properties are refused (a typo must not pass silently). */
export interface ObjectSchema extends Described {
  type: "object";
  properties: Record<string, JsonSchema>;
  required: readonly string[];
  additionalProperties: false;
}

/** One of several schemas (here: a value or null). */
export interface AnyOfSchema extends Described {
  anyOf: readonly JsonSchema[];
}

/** What is wrong with one field of a request. */
export interface SchemaIssue {
  /** Where: `participants[1]`, `extensions.mode`; `""` for the whole value. */
  field: string;
  message: string;
}

/** `"a"`, `"a.b"`, `"a[2]"`. */
function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isInteger(value)) return "a fractional number";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function typeName(schema: JsonSchema): string {
  if ("anyOf" in schema) return schema.anyOf.map(typeName).join(" or ");
  switch (schema.type) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "integer":
      return "an integer";
    case "null":
      return "null";
    default:
      return `a ${schema.type}`;
  }
}

function check(schema: JsonSchema, value: unknown, path: string, issues: SchemaIssue[]): void {
  const fail = (message: string) => issues.push({ field: path, message: `${path || "the body"} ${message}` });
  if ("anyOf" in schema) {
    for (const option of schema.anyOf) {
      const attempt: SchemaIssue[] = [];
      check(option, value, path, attempt);
      if (attempt.length === 0) return;
    }
    // The issues of the option of the value's own type are the useful ones ("extensions.mode must be …").
    const sameType = schema.anyOf.find((option) => "type" in option && option.type === "object");
    if (sameType && typeof value === "object" && value !== null && !Array.isArray(value)) {
      check(sameType, value, path, issues);
      return;
    }
    fail(`must be ${typeName(schema)}, got ${describeType(value)}`);
    return;
  }
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") return void fail(`must be a string, got ${describeType(value)}`);
      if (schema.enum && !schema.enum.includes(value))
        return void fail(`must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
      if (schema.minLength !== undefined && [...value].length < schema.minLength)
        return void fail(
          schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters`,
        );
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength)
        return void fail(`must be at most ${schema.maxLength} characters`);
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value))
        return void fail(`must match ${schema.pattern}`);
      return;
    case "integer":
    case "number":
      if (
        typeof value !== "number" ||
        !Number.isFinite(value) ||
        (schema.type === "integer" && !Number.isSafeInteger(value))
      )
        return void fail(`must be ${typeName(schema)}, got ${describeType(value)}`);
      if (schema.minimum !== undefined && value < schema.minimum)
        return void fail(`must be at least ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum)
        return void fail(`must be at most ${schema.maximum}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") fail(`must be true or false, got ${describeType(value)}`);
      return;
    case "null":
      if (value !== null) fail(`must be null, got ${describeType(value)}`);
      return;
    case "array":
      if (!Array.isArray(value)) return void fail(`must be an array, got ${describeType(value)}`);
      if (schema.minItems !== undefined && value.length < schema.minItems)
        return void fail(`must have at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems)
        return void fail(`must have at most ${schema.maxItems} items`);
      for (const [index, item] of value.entries()) check(schema.items, item, join(path, index), issues);
      return;
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return void fail(`must be a JSON object, got ${describeType(value)}`);
      const record = value as Record<string, unknown>;
      for (const key of schema.required) {
        if (record[key] === undefined)
          issues.push({ field: join(path, key), message: `${join(path, key)} is required` });
      }
      for (const [key, item] of Object.entries(record)) {
        const property = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        if (property === undefined) {
          const known = Object.keys(schema.properties);
          issues.push({
            field: join(path, key),
            message: `${join(path, key)} is not a known field${known.length > 0 ? ` (expected ${known.join(", ")})` : ""}`,
          });
        } else if (item !== undefined) check(property, item, join(path, key), issues);
      }
      return;
    }
  }
}

/**
 * Every issue of `value` against `schema`, in document order; an empty list means valid.
 *
 * @example
 * validate(objectSchema({ chatId: stringSchema() }, ["chatId"]), { chatId: 1 });
 * // [{ field: "chatId", message: "chatId must be a string, got a number" }]
 */
export function validate(schema: JsonSchema, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(schema, value, "", issues);
  return issues;
}

// ── builders: short to write in the route table, plain JSON Schema underneath ──

/** A string schema. */
export function stringSchema(options: Omit<StringSchema, "type"> = {}): StringSchema {
  return { type: "string", ...options };
}

/** A non-empty string. */
export function nonEmpty(description?: string): StringSchema {
  return stringSchema({ minLength: 1, ...(description === undefined ? {} : { description }) });
}

/** An integer schema. */
export function integerSchema(options: Omit<NumberSchema, "type"> = {}): NumberSchema {
  return { type: "integer", ...options };
}

/** A boolean schema. */
export function booleanSchema(description?: string): BooleanSchema {
  return { type: "boolean", ...(description === undefined ? {} : { description }) };
}

/** An array schema. */
export function arraySchema(
  items: JsonSchema,
  options: Omit<ArraySchema, "type" | "items"> = {},
): ArraySchema {
  return { type: "array", items, ...options };
}

/** An object schema with the given properties, of which `required` must be present. */
export function objectSchema(
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
  description?: string,
): ObjectSchema {
  return {
    type: "object",
    properties,
    required,
    additionalProperties: false,
    ...(description === undefined ? {} : { description }),
  };
}

/** `schema` or `null`. */
export function nullable(schema: JsonSchema): AnyOfSchema {
  return { anyOf: [schema, { type: "null" }] };
}
