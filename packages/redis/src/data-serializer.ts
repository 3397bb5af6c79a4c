import { describeValue } from "@tc/router";
import { UnserializableDataError } from "./errors.js";

/**
 * Turns one FSM data value into the text Redis stores, and back. Each top-level field of the data is stored on
 * its own (a Redis hash field), so `serialize` receives a field's value, not the whole data.
 *
 * A serializer of your own may store more types than JSON (`BigInt`, `Date`); the storage checks that every
 * value reads back equal to what was written (`node:util` `isDeepStrictEqual`) and refuses it otherwise.
 *
 * @example
 * const bigints: DataSerializer = {
 *   serialize: (value) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? { $bigint: String(v) } : v)),
 *   deserialize: (text) => JSON.parse(text, (_, v) => (v && typeof v.$bigint === "string" ? BigInt(v.$bigint) : v)),
 * };
 * new RedisStorage({ serializer: bigints });
 */
export interface DataSerializer {
  /** The text of `value`; may throw (the storage reports it as an `UnserializableDataError`). */
  serialize(value: unknown): string;
  /** The value of a text `serialize` made. */
  deserialize(text: string): unknown;
}

/**
 * The default serializer: JSON, with every value checked first so that nothing JSON would change passes
 * silently. Accepted: `null`, booleans, finite numbers, strings, arrays and plain objects of them. An object
 * property holding `undefined` is left out (it reads back as missing, as with JSON). Refused with an
 * {@link UnserializableDataError}: functions, symbols, `BigInt`, `NaN` and infinities, `undefined` or holes
 * in arrays, `Date` (store `toISOString()` or `getTime()`), `Map`, `Set` and other class instances, symbol
 * keys, and cycles.
 *
 * @example
 * jsonSerializer.serialize({ name: "Ann", tags: ["a"] }); // '{"name":"Ann","tags":["a"]}'
 */
export const jsonSerializer: DataSerializer = Object.freeze({
  serialize(value: unknown): string {
    checkJsonValue(value, "value", new Set());
    return JSON.stringify(value);
  },
  deserialize(text: string): unknown {
    return JSON.parse(text);
  },
});

/** Walks `value` and throws at the first part JSON would not give back unchanged. */
export function checkJsonValue(value: unknown, path: string, parents: Set<object>): void {
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) fail(path, `${describeValue(value)} would read back as null`);
      return;
    case "bigint":
      fail(path, "a BigInt has no JSON form; store it as a string, or give a serializer that handles it");
      return;
    case "undefined":
      fail(path, "undefined would read back as null");
      return;
    case "function":
    case "symbol":
      fail(path, `${describeValue(value)} cannot be serialised`);
      return;
  }
  if (value === null) return;
  const object = value as object;
  if (parents.has(object)) fail(path, "the data refers to itself (a cycle)");
  if (object instanceof Date) {
    fail(path, "a Date would read back as a string; store date.toISOString() or date.getTime()");
  }
  if (Array.isArray(object)) {
    parents.add(object);
    for (let index = 0; index < object.length; index++) {
      if (!(index in object)) fail(`${path}[${index}]`, "a hole in an array would read back as null");
      checkJsonValue(object[index], `${path}[${index}]`, parents);
    }
    parents.delete(object);
    return;
  }
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = typeof prototype?.constructor === "function" ? prototype.constructor.name : "";
    fail(path, `an instance of ${name || "a class"} would read back as a plain object (or not at all)`);
  }
  if (Object.getOwnPropertySymbols(object).length > 0) fail(path, "symbol keys cannot be serialised");
  parents.add(object);
  for (const [key, item] of Object.entries(object)) {
    // JSON leaves such a property out, and it reads back as missing: the same as undefined in JavaScript.
    if (item !== undefined) checkJsonValue(item, `${path}${propertyPath(key)}`, parents);
  }
  parents.delete(object);
}

/** `.name`, or `["a key"]` for keys that are not identifiers. */
export function propertyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function fail(path: string, reason: string): never {
  throw new UnserializableDataError(path, reason);
}
