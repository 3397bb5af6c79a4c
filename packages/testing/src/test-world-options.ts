import type { Bot, TokenProvider } from "@tc/bot";
import { checkOptions, describeValue, InvalidArgumentError, invalidOption, requireDuration } from "@tc/bot";
import type { Emulator, EmulatorOptions } from "@tc/emulator";

/**
 * The bot options that point a bot at the test world's emulator: spread them into your `new Bot({...})`. The
 * token comes from the emulator (a fresh one whenever the bot asks, so an expired token is replaced the way a
 * real server's would be), and the reconnect backoff is capped at 100 ms so a dropped connection comes back
 * at once.
 *
 * @example
 * const world = await createTestWorld({ bot: (options) => new Bot({ ...options, dispatcher }) });
 */
export interface TestBotOptions {
  /** The emulator's host. */
  server: string;
  /** The emulator's port. */
  webPort: number;
  /** The emulator serves plain http and ws. */
  https: false;
  /** Issues a token for the seeded bot account each time it is called. */
  tokenProvider: TokenProvider;
  /** 100 ms: reconnects after `world.dropConnection()` take a tenth of a second, not up to a minute. */
  wsMaxDelay: number;
}

/**
 * Builds your bot from the options that point it at the emulator; may return the bot or a promise of it. The
 * kit starts it (do not call `start()` or `run()` yourself) and waits until it is authorised.
 *
 * @example
 * const factory: BotFactory = (options) => createMyBot(options);
 */
export type BotFactory = (options: TestBotOptions) => Bot | Promise<Bot>;

/** A human user added to the world: a login, or a login with a display name. */
export type TestUserSpec = string | { login: string; displayName?: string };

/**
 * A chat added to the world, as `emulator.createChat` takes it; users by login. Name the bot (`"bot"`) among
 * the participants when it should see the chat.
 *
 * @example
 * { type: "group", title: "Ops", owner: "alice", participants: ["bot", "bob"] }
 */
export type TestChatSpec = Parameters<Emulator["createChat"]>[0];

/** Options of {@link createTestWorld}. */
export interface TestWorldOptions<C extends string = never> {
  /** Your bot, built from the options that point it at the emulator. */
  bot: BotFactory;
  /** Options of the emulator (`protocol` switches, `serverName` …); the world is always seeded, over plain http. */
  emulator?: Omit<EmulatorOptions, "seed" | "tls">;
  /** Human users besides the seeded alice, bob and carol. */
  users?: readonly TestUserSpec[];
  /** Chats besides the seeded ones, by the name `world.chats` gives their ids under. */
  chats?: Record<C, TestChatSpec>;
  /** Default wait of `nextMessage`, `expectReply`, `expectNoReply`, `idle` and `dropConnection`, in ms; default 2 000. */
  timeout?: number;
}

/** What {@link resolveTestWorldOptions} returns. */
export interface ResolvedTestWorldOptions {
  bot: BotFactory;
  emulator: Omit<EmulatorOptions, "seed" | "tls">;
  users: { login: string; displayName?: string }[];
  chats: [name: string, spec: TestChatSpec][];
  timeout: number;
}

/** Below vitest's and jest's 5 s test timeout, so that the kit's error (with its transcript) is what fails a test. */
export const defaultTimeout = 2_000;

/** Names `world.chats` already has. */
export const seededChatNames: readonly string[] = ["team"];

const optionNames = ["bot", "emulator", "users", "chats", "timeout"] as const;
const emulatorOptionNames = [
  "host",
  "port",
  "serverName",
  "serverVersion",
  "protocol",
  "storageDir",
  "frameLogLimit",
] as const;

/** Checks the options before anything starts: unknown names (with a suggestion), wrong types, taken chat names. */
export function resolveTestWorldOptions(options: TestWorldOptions<string>): ResolvedTestWorldOptions {
  if (options === undefined)
    throw new InvalidArgumentError("createTestWorld needs options: { bot: (options) => … }");
  const o = checkOptions("createTestWorld options", options, optionNames);
  if (typeof o.bot !== "function") {
    throw invalidOption(
      "bot",
      `expected a function that builds your Bot from options, got ${describeValue(o.bot)}`,
    );
  }
  const emulator = checkOptions("emulator options", o.emulator, emulatorOptionNames);
  if (o.users !== undefined && !Array.isArray(o.users)) {
    throw invalidOption("users", `expected an array of logins, got ${describeValue(o.users)}`);
  }
  const users = (o.users ?? []).map((user, index) => {
    const spec =
      typeof user === "string"
        ? { login: user }
        : checkOptions(`users[${index}]`, user, ["login", "displayName"]);
    if (typeof spec.login !== "string" || spec.login === "") {
      throw invalidOption(`users[${index}]`, `expected a login, got ${describeValue(spec.login)}`);
    }
    return spec;
  });
  if (o.chats !== undefined && (typeof o.chats !== "object" || o.chats === null || Array.isArray(o.chats))) {
    throw invalidOption("chats", `expected an object of named chats, got ${describeValue(o.chats)}`);
  }
  const chats = Object.entries(o.chats ?? {}) as [string, TestChatSpec][];
  for (const [name, spec] of chats) {
    if (seededChatNames.includes(name)) {
      throw invalidOption(`chats.${name}`, `"${name}" is the seeded group chat; give your chat another name`);
    }
    if (typeof spec !== "object" || spec === null) {
      throw invalidOption(
        `chats.${name}`,
        `expected { type, title?, owner, participants? }, got ${describeValue(spec)}`,
      );
    }
  }
  return {
    bot: o.bot,
    emulator,
    users,
    chats,
    timeout: requireDuration("timeout", o.timeout, defaultTimeout),
  };
}

/** A per-call timeout, or the world's default. */
export function timeoutOf(
  options: { timeout?: number } | undefined,
  fallback: number,
  where: string,
): number {
  const { timeout } = checkOptions(`${where} options`, options, ["timeout"]);
  return requireDuration("timeout", timeout, fallback);
}
