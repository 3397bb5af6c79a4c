import { EmulatorConfigError } from "./errors.js";
import { defaultProtocolOptions, type ProtocolOptions } from "./protocol-options.js";

/** The allowed values of every string option; boolean and number options are checked by type. */
const choices: { [K in keyof ProtocolOptions]?: readonly string[] } = {
  roleFormat: ["string", "number"],
  forwardedContent: ["nested", "flat"],
  createGroupChatKey: ["title", "name", "both"],
  tokenExpiryFields: ["both", "expires_in", "expires_at"],
  clearHistoryForAll: ["boolean", "string"],
  fileInfoIdKey: ["fileId", "infoHash"],
  getChatsShape: ["array", "object"],
};

function isOptionName(name: string): name is keyof ProtocolOptions {
  return Object.hasOwn(defaultProtocolOptions, name);
}

/**
 * The complete options: defaults overridden by `partial`, every key and value checked so that a typo fails
 * loudly instead of silently testing the default.
 */
export function resolveProtocolOptions(partial: Partial<ProtocolOptions> = {}): ProtocolOptions {
  const result: Record<string, unknown> = { ...defaultProtocolOptions };
  for (const [name, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    if (!isOptionName(name)) throw new EmulatorConfigError(`unknown protocol option "${name}"`);
    const fallback = defaultProtocolOptions[name];
    const allowed = choices[name];
    if (typeof value !== typeof fallback || (allowed !== undefined && !allowed.includes(value as string))) {
      const expected = allowed?.map((choice) => `"${choice}"`).join(" | ") ?? typeof fallback;
      throw new EmulatorConfigError(
        `protocol option "${name}" must be ${expected}, got ${JSON.stringify(value)}`,
      );
    }
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new EmulatorConfigError(`protocol option "${name}" must be a finite number`);
    }
    result[name] = value;
  }
  return result as unknown as ProtocolOptions;
}

/**
 * Parses one `key=value` pair of the CLI's `--protocol` flag into a typed option, using the default's type.
 *
 * @example
 * parseProtocolAssignment("roleFormat=number"); // { roleFormat: "number" }
 */
export function parseProtocolAssignment(text: string): Partial<ProtocolOptions> {
  const at = text.indexOf("=");
  if (at <= 0) throw new EmulatorConfigError(`--protocol expects key=value, got "${text}"`);
  const name = text.slice(0, at);
  const raw = text.slice(at + 1);
  if (!isOptionName(name)) throw new EmulatorConfigError(`unknown protocol option "${name}"`);
  const fallback = defaultProtocolOptions[name];
  let value: unknown = raw;
  if (typeof fallback === "boolean") {
    if (raw !== "true" && raw !== "false")
      throw new EmulatorConfigError(`protocol option "${name}" must be true or false`);
    value = raw === "true";
  } else if (typeof fallback === "number") {
    value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value)) {
      throw new EmulatorConfigError(`protocol option "${name}" must be a number`);
    }
  }
  return resolvePartial(name, value);
}

function resolvePartial(name: keyof ProtocolOptions, value: unknown): Partial<ProtocolOptions> {
  const partial = { [name]: value } as Partial<ProtocolOptions>;
  resolveProtocolOptions(partial);
  return partial;
}
