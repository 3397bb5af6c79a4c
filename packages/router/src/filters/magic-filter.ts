/*
 * The magic filter `F` at run time. Every attribute access or operation on a chain returns a new immutable chain
 * (a Proxy over a list of steps). The steps are compiled into one resolver the first time the chain is
 * evaluated, and that resolver is reused for every later event.
 *
 * Resolution follows magic-filter: reading an attribute of `null`/`undefined` rejects the chain, which skips the
 * following steps up to a `.not()` and resolves to `undefined`; any other error thrown while resolving (a
 * comparison of a string with a number, `.len()` of a number, a throwing `.func()`) makes the filter not match.
 */
import { InvalidArgumentError } from "@tc/api";
import { and, or } from "./combinators.js";
import { type FilterGuard, guardOf, type Probe } from "./filter-guard.js";
import type { MagicAttribute, MagicRoot } from "./magic-types.js";
import { type RunnableFilter, runFilter } from "./typed-filter.js";

/** One step of a chain. */
interface Step {
  /** Maps the value so far to the next one; returns {@link rejected} when the chain cannot go on. */
  readonly run: (value: unknown) => unknown;
  /** Runs even after a rejection (`.not()`), as magic-filter's important operations do. */
  readonly important: boolean;
  /** How the step reads in `String(filter)`: `.text`, `.eq("ping")`. */
  readonly text: string;
  /** For guards: the attribute name this step reads, or the strings one of which the value must equal. */
  readonly reads?: string;
  readonly equals?: readonly string[];
}

const rejected: unique symbol = Symbol("rejected");

/** Builds the resolver of a chain once: a loop over the step functions, with magic-filter's rejection rule. */
function compileSteps(steps: readonly Step[]): (root: unknown) => unknown {
  const runs = steps.map((step) => step.run);
  const important = steps.map((step) => step.important);
  return (root) => {
    let value: unknown = root;
    let skipping = false;
    for (let i = 0; i < runs.length; i++) {
      if (skipping && !important[i]) continue;
      value = runs[i]!(value);
      skipping = value === rejected;
      if (skipping) value = undefined;
    }
    return value;
  };
}

/** A chain's state. Its functions are own properties, so calling them through the Proxy keeps `this` out of it. */
class MagicChain implements RunnableFilter {
  readonly steps: readonly Step[];
  /** The last step is `.regexp()`: a match puts the match array in `ctx.match`. */
  readonly storesMatch: boolean;
  /** The Proxy users hold (set right after creation). */
  self: unknown;
  #resolver: ((root: unknown) => unknown) | undefined;

  constructor(steps: readonly Step[], storesMatch: boolean) {
    this.steps = steps;
    this.storesMatch = storesMatch;
  }

  resolve(root: unknown): unknown {
    this.#resolver ??= compileSteps(this.steps);
    return this.#resolver(root);
  }

  /** The filter as the router runs it; made once per chain, so that events never go through the Proxy. */
  readonly check = (event: unknown): unknown => {
    let value: unknown;
    try {
      value = this.resolve(event);
    } catch {
      return false;
    }
    if (!value) return false;
    return this.storesMatch ? { match: value } : true;
  };

  [runFilter](event: unknown): unknown {
    return this.check(event);
  }

  /** `F.name.eq("x")` and `F.name.in(["x", "y"])` (strings only) match only events whose `name` is one of them. */
  guard(): FilterGuard | undefined {
    const [first, second] = this.steps;
    if (this.steps.length !== 2 || first?.reads === undefined || second?.equals === undefined)
      return undefined;
    return { probe: attributeProbe(first.reads), values: second.equals };
  }

  describe(): string {
    return `F${this.steps.map((step) => step.text).join("")}`;
  }
}

/** A value in `String(filter)`: literals as JSON, RegExps as written, everything else by kind. */
function show(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (typeof value === "function") return "fn";
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

function requireString(value: unknown, operation: string): string {
  if (typeof value !== "string") throw new TypeError(`${operation} needs a string`);
  return value;
}

function requireComparable(value: unknown, other: unknown): void {
  const type = typeof value;
  if ((type !== "number" && type !== "string" && type !== "bigint") || typeof other !== type) {
    throw new TypeError("only numbers, strings or bigints of the same type compare");
  }
}

function requireArgument(ok: boolean, operation: string, expected: string): void {
  if (!ok) throw new InvalidArgumentError(`F…${operation}: expected ${expected}`);
}

/** The number of code points, as Python's `len()` counts a string. */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function lengthOf(value: unknown): number {
  if (typeof value === "string") return codePoints(value);
  if (Array.isArray(value)) return value.length;
  if (value instanceof Set || value instanceof Map) return value.size;
  throw new TypeError(".len() needs a string, an array, a Set or a Map");
}

function containsValue(value: unknown, item: unknown): boolean {
  if (typeof value === "string") return value.includes(requireString(item, ".contains() of a string"));
  if (Array.isArray(value)) return value.includes(item);
  if (value instanceof Set || value instanceof Map) return value.has(item);
  throw new TypeError(".contains() needs a string, an array, a Set or a Map");
}

/** A RegExp without `g`/`y`: those make `exec` stateful, and one filter sees many events. */
function statelessRegExp(pattern: unknown): RegExp {
  if (typeof pattern === "string") return new RegExp(pattern);
  requireArgument(pattern instanceof RegExp, ".regexp()", "a RegExp or a string");
  const re = pattern as RegExp;
  return new RegExp(re.source, re.flags.replace(/[gy]/g, ""));
}

function valueSet(values: unknown, operation: string): ReadonlySet<unknown> {
  requireArgument(
    typeof values === "object" && values !== null && Symbol.iterator in values,
    operation,
    "an array or a Set of values",
  );
  return new Set(values as Iterable<unknown>);
}

const probes = new Map<string, Probe>();

/** The probe of an event's attribute, shared by every guard on that attribute. */
function attributeProbe(name: string): Probe {
  let probe = probes.get(name);
  if (probe === undefined) {
    probe = {
      id: `attribute ${name}`,
      read: (event) => {
        try {
          const value =
            event === null || event === undefined ? undefined : (event as Record<string, unknown>)[name];
          return typeof value === "string" ? value : undefined;
        } catch {
          return undefined; // A throwing getter makes the chain not match: no handler of this guard can.
        }
      },
    };
    probes.set(name, probe);
  }
  return probe;
}

function attribute(name: PropertyKey): Step {
  return {
    ...(typeof name === "string" ? { reads: name } : {}),
    run: (value) =>
      value === null || value === undefined ? rejected : (value as Record<PropertyKey, unknown>)[name],
    important: false,
    text: typeof name === "string" && /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${show(name)}]`,
  };
}

function step(text: string, run: (value: unknown) => unknown, important = false): Step {
  return { run, important, text };
}

type Operation = (chain: MagicChain, ...args: never[]) => unknown;

/** An ordering operation; the operands are checked first, so that `null >= 0` or `"2" > 1` never coerce. */
function compared(name: string, holds: (a: number, b: number) => boolean): Operation {
  return (chain, other: unknown) =>
    extend(
      chain,
      step(`.${name}(${show(other)})`, (x) => {
        requireComparable(x, other);
        return holds(x as number, other as number);
      }),
    );
}

const is = (value: unknown) =>
  value === null || value === undefined
    ? step(`.is(${show(value)})`, (x) => x === null || x === undefined)
    : step(`.is(${show(value)})`, (x) => x === value);

const isNot = (value: unknown) =>
  value === null || value === undefined
    ? step(`.isNot(${show(value)})`, (x) => x !== null && x !== undefined)
    : step(`.isNot(${show(value)})`, (x) => x !== value);

/** The operations, by name; every other string key is an attribute. */
const operations: Record<string, Operation> = {
  eq: (c, value: unknown) =>
    extend(c, {
      ...step(`.eq(${show(value)})`, (x) => x === value),
      ...(typeof value === "string" ? { equals: [value] } : {}),
    }),
  ne: (c, value: unknown) =>
    extend(
      c,
      step(`.ne(${show(value)})`, (x) => x !== value),
    ),
  gt: compared("gt", (a, b) => a > b),
  ge: compared("ge", (a, b) => a >= b),
  lt: compared("lt", (a, b) => a < b),
  le: compared("le", (a, b) => a <= b),
  in: (c, values: unknown) => {
    const set = valueSet(values, ".in()");
    const strings = [...set].every((value) => typeof value === "string");
    return extend(c, {
      ...step(`.in(${show([...set])})`, (x) => set.has(x)),
      ...(strings ? { equals: [...set] as string[] } : {}),
    });
  },
  notIn: (c, values: unknown) => {
    const set = valueSet(values, ".notIn()");
    return extend(
      c,
      step(`.notIn(${show([...set])})`, (x) => !set.has(x)),
    );
  },
  contains: (c, item: unknown) =>
    extend(
      c,
      step(`.contains(${show(item)})`, (x) => containsValue(x, item)),
    ),
  startsWith: (c, prefix: unknown) => {
    requireArgument(typeof prefix === "string", ".startsWith()", "a string");
    const p = prefix as string;
    return extend(
      c,
      step(`.startsWith(${show(p)})`, (x) => requireString(x, ".startsWith()").startsWith(p)),
    );
  },
  endsWith: (c, suffix: unknown) => {
    requireArgument(typeof suffix === "string", ".endsWith()", "a string");
    const s = suffix as string;
    return extend(
      c,
      step(`.endsWith(${show(s)})`, (x) => requireString(x, ".endsWith()").endsWith(s)),
    );
  },
  regexp: (c, pattern: unknown) => {
    const re = statelessRegExp(pattern);
    return extend(
      c,
      step(`.regexp(${show(re)})`, (x) => re.exec(requireString(x, ".regexp()"))),
      true,
    );
  },
  func: (c, fn: unknown) => {
    requireArgument(typeof fn === "function", ".func()", "a function");
    return extend(c, step(".func(fn)", fn as (value: unknown) => unknown));
  },
  isNull: (c) =>
    extend(
      c,
      step(".isNull()", (x) => x === null || x === undefined),
    ),
  isNotNull: (c) =>
    extend(
      c,
      step(".isNotNull()", (x) => x !== null && x !== undefined),
    ),
  is: (c, value: unknown) => extend(c, is(value)),
  isNot: (c, value: unknown) => extend(c, isNot(value)),
  lower: (c) =>
    extend(
      c,
      step(".lower()", (x) => requireString(x, ".lower()").toLowerCase()),
    ),
  upper: (c) =>
    extend(
      c,
      step(".upper()", (x) => requireString(x, ".upper()").toUpperCase()),
    ),
  len: (c) => extend(c, step(".len()", lengthOf)),
  not: (c) =>
    extend(
      c,
      step(".not()", (x) => !x, true),
    ),
  and: (c, ...filters: never[]) => and(c.self as never, ...filters),
  or: (c, ...filters: never[]) => or(c.self as never, ...filters),
  attr: (c, name: unknown) => {
    requireArgument(
      typeof name === "string" || typeof name === "number" || typeof name === "symbol",
      ".attr()",
      "a property name",
    );
    return extend(c, attribute(name as PropertyKey));
  },
  resolve: (c, root: unknown) => c.resolve(root),
};

const inspect = Symbol.for("nodejs.util.inspect.custom");

const handler: ProxyHandler<MagicChain> = {
  get(chain, key) {
    if (key === inspect) return () => chain.describe();
    if (key === runFilter) return chain.check;
    if (key === guardOf) return () => chain.guard();
    if (typeof key === "symbol") return undefined;
    // A chain is no promise: `await F.text` or a test framework probing `then` must not build an attribute.
    if (key === "then") return undefined;
    if (key === "toString" || key === "toJSON") return () => chain.describe();
    const operation = Object.hasOwn(operations, key) ? operations[key] : undefined;
    if (operation !== undefined) return (...args: never[]) => operation(chain, ...args);
    if (key in Object.prototype) return Reflect.get(Object.prototype, key);
    return extend(chain, attribute(key));
  },
  set() {
    throw new TypeError("a magic filter is immutable");
  },
  has(_chain, key) {
    return key === runFilter;
  },
  // Printers and deep-equality helpers walk own keys; a chain has none, or each read would build a new chain.
  ownKeys() {
    return [];
  },
};

const chains = new WeakSet<object>();

/** Whether `value` is a magic filter chain (built from `F`). */
export function isMagicFilter(value: unknown): value is { resolve(root: unknown): unknown } {
  return typeof value === "object" && value !== null && chains.has(value);
}

function make(steps: readonly Step[], storesMatch: boolean): unknown {
  const chain = new MagicChain(steps, storesMatch);
  const proxy = new Proxy(chain, handler);
  chain.self = proxy;
  chains.add(proxy);
  return proxy;
}

function extend(chain: MagicChain, next: Step, storesMatch = false): unknown {
  return make([...chain.steps, next], storesMatch);
}

/**
 * The magic filter: describe an attribute chain and a condition, and the router applies it to each event.
 * Attributes are the event's own (`F.text`, `F.fromUser.id`, `F.document.mimeType`); the operations are methods
 * (`.eq()`, `.in()`, `.regexp()`, `.not()`, …) since TypeScript has no operator overloading. A chain alone
 * matches a truthy value. The registration checks the chain against its event type, and the handler sees what a
 * match proves.
 *
 * @example
 * router.message(F.text.eq("ping"), (message) => message.answer("pong"));
 * router.message(F.photo, (message) => message.photo.download({ destPath: "in.jpg" }));
 * router.message(F.fromUser.id.in(["alice@srv", "bob@srv"]).and(F.text.contains("ban")), banHandler);
 */
export const F = make([], false) as MagicAttribute<MagicRoot, readonly []>;
