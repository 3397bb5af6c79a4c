import { WorldErrorCode } from "./error-codes.js";
import { WorldRequestError } from "./world-request-error.js";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Typed access to a request payload. Every accessor either returns a value of the promised type or throws a
 * {@link WorldRequestError} with code 300 naming the key, so a handler never works on half-checked input.
 *
 * @example
 * const input = PayloadReader.from(payload);
 * const chatId = input.string("chatId");
 * const forAll = input.boolean("forAll", false);
 */
export class PayloadReader {
  private constructor(
    private readonly values: Record<string, unknown>,
    private readonly path: string,
  ) {}

  /** Wrap a payload; anything but a JSON object is malformed. */
  static from(payload: unknown, path = "payload"): PayloadReader {
    if (!isPlainObject(payload)) throw malformed(`${path} must be a JSON object`);
    return new PayloadReader(payload, path);
  }

  /** A required, non-empty string. */
  string(key: string): string {
    const value = this.values[key];
    if (typeof value !== "string" || value.length === 0)
      throw malformed(`${this.name(key)} must be a non-empty string`);
    return value;
  }

  /** A string that may be absent or null (then `undefined`); when present it must be non-empty. */
  optionalString(key: string): string | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) return undefined;
    return this.string(key);
  }

  /** A string that may be empty (texts, captions); required unless `fallback` is given. */
  text(key: string, fallback?: string): string {
    const value = this.values[key];
    if ((value === undefined || value === null) && fallback !== undefined) return fallback;
    if (typeof value !== "string") throw malformed(`${this.name(key)} must be a string`);
    return value;
  }

  /** A boolean; absent or null gives `fallback`. */
  boolean(key: string, fallback: boolean): boolean {
    const value = this.values[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "boolean") throw malformed(`${this.name(key)} must be a boolean`);
    return value;
  }

  /** A safe integer of at least `min`; absent or null gives `fallback` when one is given. */
  integer(key: string, min: number, fallback?: number): number {
    const value = this.values[key];
    if ((value === undefined || value === null) && fallback !== undefined) return fallback;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
      throw malformed(`${this.name(key)} must be an integer >= ${min}`);
    }
    return value;
  }

  /** A finite number. */
  number(key: string): number {
    const value = this.values[key];
    if (typeof value !== "number" || !Number.isFinite(value))
      throw malformed(`${this.name(key)} must be a number`);
    return value;
  }

  /** A nested object, required. */
  object(key: string): PayloadReader {
    return PayloadReader.from(this.values[key], this.name(key));
  }

  /** A nested object that may be absent or null. */
  optionalObject(key: string): PayloadReader | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) return undefined;
    return this.object(key);
  }

  /** The raw value of a key, for values with several accepted forms (roles). */
  raw(key: string): unknown {
    return this.values[key];
  }

  /** The raw value of a required key of several accepted forms; absent or null is malformed. */
  required(key: string): unknown {
    if (!this.has(key)) throw malformed(`${this.name(key)} is required`);
    return this.values[key];
  }

  /** Whether the key is present with a non-null value. */
  has(key: string): boolean {
    return this.values[key] !== undefined && this.values[key] !== null;
  }

  private name(key: string): string {
    return `${this.path}.${key}`;
  }
}

function malformed(message: string): WorldRequestError {
  return new WorldRequestError(WorldErrorCode.MALFORMED, message);
}
