/*
 * `Command`: the filter for `/command args` messages. It follows the Python SDK's documented behaviour and fixes
 * what its implementation gets wrong (each has a test): patterns written with their prefix (`Command("/start")`)
 * match; `prefix: "!/"` accepts either character; a bare prefix (`/`) is no command; a RegExp must match the whole
 * command name, honours `ignoreCase` and fills `regexpMatch`; `/start@otherbot` is left to the other bot.
 */
import { checkOptions, InvalidArgumentError, MessageType, requireBoolean, sameUserId } from "@tc/api";
import { isThenable, type MaybePromise } from "../maybe-promise.js";
import type { CommandObject } from "./command-object.js";
import type { FilterInput } from "./filter.js";
import { toCheck } from "./filter-engine.js";
import { type FilterGuard, guardOf, type Probe } from "./filter-guard.js";
import { isMagicFilter } from "./magic-filter.js";
import { type FilterTypes, type filterTypes, type RunnableFilter, runFilter } from "./typed-filter.js";

/** A command name (`"start"`, `"/start"`) or a RegExp that must match the whole name (`/echo_\d+/`). */
export type CommandPattern = string | RegExp;

/** Options of {@link Command}. */
export interface CommandOptions {
  /** The accepted prefix characters: `"!/"` accepts `!cmd` and `/cmd`. Default `"/"`. */
  prefix?: string;
  /** Compare names case-insensitively (RegExps get the `i` flag). Default `false`. */
  ignoreCase?: boolean;
  /** Accept `/cmd@anybot` too. By default a mention must name this bot (its id or the id's user part). */
  ignoreMention?: boolean;
  /** A further filter on the {@link CommandObject} (`F.args.isNotNull()`); its truthy value is `magicResult`. */
  magic?: FilterInput<CommandObject>;
}

const optionNames = ["prefix", "ignoreCase", "ignoreMention", "magic"];

/** Matches a command name; returns `undefined` for no match, or the RegExp match (`null` for strings). */
type NameMatcher = (name: string) => RegExpExecArray | null | undefined;

/** The bot's own id (`support_bot@video.example.org`), from the ctx or the event. */
function ownId(event: unknown, ctx: unknown): string | undefined {
  const fromCtx = (ctx as { bot?: { meId?: unknown } } | undefined)?.bot?.meId;
  const fromEvent = (event as { bot?: { meId?: unknown } }).bot?.meId;
  const id = typeof fromCtx === "string" ? fromCtx : fromEvent;
  return typeof id === "string" ? id : undefined;
}

/** Whether `/cmd@mention` is addressed to this bot: its full id or the user part of it, any case, any instance. */
function mentionsOwnId(mention: string, id: string | undefined): boolean {
  return id !== undefined && sameUserId(mention, id);
}

/** A text cut as a command after one prefix: what every `Command` with that prefix reads from it. */
interface CommandText {
  readonly text: string;
  readonly prefix: string;
  /** The name without the mention; `""` for a bare prefix. */
  readonly name: string;
  readonly mention: string | undefined;
  /** What follows the first whitespace, leading whitespace removed; `undefined` when nothing does. */
  readonly args: string | undefined;
}

/**
 * The last text cut. A dispatcher tries the `Command` filters of its handlers one after the other on the same
 * message, so they share this one entry and the text is parsed once per message, not once per filter.
 */
let lastCut: CommandText | undefined;

/** `text` (which starts with `prefix`) cut into name, mention and args. */
function cutCommand(text: string, prefix: string): CommandText {
  if (lastCut !== undefined && lastCut.text === text && lastCut.prefix === prefix) return lastCut;
  const space = /\s/.exec(text);
  const head = text.slice(prefix.length, space?.index ?? text.length);
  const rest = space === null ? "" : text.slice(space.index).trimStart();
  const at = head.indexOf("@");
  lastCut = {
    text,
    prefix,
    name: at < 0 ? head : head.slice(0, at),
    mention: at < 0 ? undefined : head.slice(at + 1),
    args: rest.length === 0 ? undefined : rest,
  };
  return lastCut;
}

/**
 * The `Command` filter object. Build it with {@link Command}.
 */
export class CommandFilter implements RunnableFilter {
  declare readonly [filterTypes]: FilterTypes<never, { text: string }, { command: CommandObject }>;
  readonly #prefixes: readonly string[];
  readonly #matchers: readonly NameMatcher[];
  readonly #ignoreMention: boolean;
  readonly #magic: ((command: CommandObject, ctx: object) => unknown) | undefined;
  /** The guard: the names a command must have (lower case with `ignoreCase`); none when a pattern is a RegExp. */
  readonly #guard: FilterGuard | undefined;

  /** @internal Use {@link Command}. */
  constructor(patterns: readonly CommandPattern[], options: CommandOptions) {
    const o = checkOptions("Command options", options, optionNames);
    const prefix = o.prefix ?? "/";
    if (typeof prefix !== "string" || prefix.length === 0 || /\s/.test(prefix)) {
      throw new InvalidArgumentError("Command prefix: expected a non-empty string of non-space characters");
    }
    this.#prefixes = [...new Set(prefix)];
    const ignoreCase = requireBoolean("Command ignoreCase", o.ignoreCase, false);
    this.#ignoreMention = requireBoolean("Command ignoreMention", o.ignoreMention, false);
    if (patterns.length === 0) throw new InvalidArgumentError("Command needs at least one command");
    this.#matchers = patterns.map((pattern) => this.#matcher(pattern, ignoreCase));
    this.#magic = o.magic === undefined ? undefined : magicCheck(o.magic);
    this.#guard = patterns.every((pattern) => typeof pattern === "string")
      ? {
          probe: commandProbe(this.#prefixes, ignoreCase),
          values: patterns.map((pattern) => this.#bareName(pattern as string, ignoreCase)),
        }
      : undefined;
  }

  /** @internal For the router: the command names this filter can match. */
  [guardOf](): FilterGuard | undefined {
    return this.#guard;
  }

  /** A string pattern as the name it matches: without a leading prefix character, lower case with `ignoreCase`. */
  #bareName(pattern: string, ignoreCase: boolean): string {
    const bare = this.#prefixes.some((p) => pattern.startsWith(p))
      ? pattern.slice([...pattern][0]!.length)
      : pattern;
    return ignoreCase ? bare.toLowerCase() : bare;
  }

  #matcher(pattern: CommandPattern, ignoreCase: boolean): NameMatcher {
    if (pattern instanceof RegExp) {
      const flags = pattern.flags.replace(/[gy]/g, "") + (ignoreCase && !pattern.ignoreCase ? "i" : "");
      const whole = new RegExp(`^(?:${pattern.source})$`, flags);
      return (name) => whole.exec(name) ?? undefined;
    }
    if (typeof pattern !== "string") {
      throw new InvalidArgumentError("Command: expected command names (strings) or RegExps");
    }
    // The docs of the Python SDK write `Command("/start")`: a leading prefix character is not part of the name.
    const wanted = this.#bareName(pattern, ignoreCase);
    if (wanted.length === 0 || /[\s@]/.test(wanted)) {
      throw new InvalidArgumentError(
        `Command: "${pattern}" is no command name (empty, or with a space or @)`,
      );
    }
    return ignoreCase
      ? (name) => (name.toLowerCase() === wanted ? null : undefined)
      : (name) => (name === wanted ? null : undefined);
  }

  /**
   * Parses the event's text; resolves to `{ command }` when it is one of the commands, else `false`. Only
   * plain text messages (`MessageType.PLAIN_MESSAGE`) and edited texts can be commands.
   */
  async check(event: unknown, ctx?: object): Promise<false | { command: CommandObject }> {
    return this.#match(event, ctx);
  }

  /** @internal The router's entry: {@link CommandFilter.check} without the promise unless `magic` returns one. */
  [runFilter](event: unknown, ctx: object): MaybePromise<false | { command: CommandObject }> {
    return this.#match(event, ctx);
  }

  #match(event: unknown, ctx: object | undefined): MaybePromise<false | { command: CommandObject }> {
    const text = commandText(event);
    if (text === undefined) return false;
    const prefix = prefixOf(this.#prefixes, text);
    if (prefix === undefined) return false;
    const { name, mention, args } = cutCommand(text, prefix);
    if (name.length === 0) return false;
    if (mention !== undefined && !this.#ignoreMention && !mentionsOwnId(mention, ownId(event, ctx)))
      return false;
    let regexpMatch: RegExpExecArray | undefined;
    let matched = false;
    for (const matcher of this.#matchers) {
      const found = matcher(name);
      if (found === undefined) continue;
      regexpMatch = found ?? undefined;
      matched = true;
      break;
    }
    if (!matched) return false;
    const parsed: CommandObject = {
      prefix,
      command: name,
      args,
      mention,
      regexpMatch,
      magicResult: undefined,
    };
    if (this.#magic === undefined) return { command: Object.freeze(parsed) };
    const withMagic = (magicResult: unknown) =>
      magicResult ? { command: Object.freeze({ ...parsed, magicResult }) } : (false as const);
    const magicResult = this.#magic(parsed, ctx ?? {});
    return isThenable(magicResult) ? Promise.resolve(magicResult).then(withMagic) : withMagic(magicResult);
  }
}

/** The text of an event that can be a command: a plain text message or an edited text. */
function commandText(event: unknown): string | undefined {
  const { text, type } = (event ?? {}) as { text?: unknown; type?: unknown };
  return typeof text !== "string" || (type !== undefined && type !== MessageType.PLAIN_MESSAGE)
    ? undefined
    : text;
}

function prefixOf(prefixes: readonly string[], text: string): string | undefined {
  for (const prefix of prefixes) if (text.startsWith(prefix)) return prefix;
  return undefined;
}

const probes = new Map<string, Probe>();

/** The probe of the command name under these prefixes (lower case with `ignoreCase`), shared by such filters. */
function commandProbe(prefixes: readonly string[], ignoreCase: boolean): Probe {
  const id = `command ${ignoreCase ? "i" : "-"} ${prefixes.join("")}`;
  let probe = probes.get(id);
  if (probe === undefined) {
    probe = {
      id,
      read: (event) => {
        const text = commandText(event);
        const prefix = text === undefined ? undefined : prefixOf(prefixes, text);
        if (prefix === undefined) return undefined;
        const { name } = cutCommand(text!, prefix);
        return ignoreCase ? name.toLowerCase() : name;
      },
    };
    probes.set(id, probe);
  }
  return probe;
}

/** The `magic` option as a function to the value it resolves to (a magic filter's value, else the filter's result). */
function magicCheck(magic: unknown): (command: CommandObject, ctx: object) => unknown {
  if (isMagicFilter(magic)) {
    return (command) => {
      try {
        return magic.resolve(command);
      } catch {
        return undefined;
      }
    };
  }
  return toCheck(magic, "Command magic") as (command: CommandObject, ctx: object) => unknown;
}

/**
 * A filter for commands: a message whose text is `<prefix><name>[@bot] [args]`, with `<name>` one of `commands`
 * (strings, or RegExps matching the whole name). A match puts the {@link CommandObject} in `ctx.command`. Options
 * may follow the commands: `{ prefix, ignoreCase, ignoreMention, magic }`.
 *
 * @example
 * router.message(Command("start"), (message) => message.answer("Hello!"));
 * router.message(Command("info", "about", { prefix: "!/" }), (message, { command }) =>
 *   message.answer(`Used ${command.prefix}${command.command}`));
 * router.message(Command(/echo_\d+/), (message, { command }) => message.answer(command.regexpMatch[0]));
 * router.message(Command("echo", { magic: F.args.isNotNull() }), (message, { command }) => message.answer(command.args!));
 */
export function Command(
  ...args: [...commands: CommandPattern[], options: CommandOptions] | CommandPattern[]
): CommandFilter {
  const last = args.at(-1);
  const hasOptions = typeof last === "object" && last !== null && !(last instanceof RegExp);
  const commands = (hasOptions ? args.slice(0, -1) : args) as CommandPattern[];
  return new CommandFilter(commands, hasOptions ? (last as CommandOptions) : {});
}
