import { describeValue, InvalidArgumentError } from "@tc/api";
import type { FilterObject } from "../filters/filter.js";
import type { StatesGroup } from "./states-group.js";

// FSMContext is named in doc comments only.
export type { FSMContext } from "./fsm-context.js";

/**
 * One state of a form. Made by {@link State}, named by the {@link StatesGroup} it is put in: the member `name` of
 * group `Form` has the state string `"Form:name"`, as in aiogram, so records stored by the Python SDK read the same.
 *
 * A state is a filter: `router.message(Form.name, handler)` runs the handler only while the sender's state is
 * `Form:name` (it reads `ctx.state`; an event without FSM context has no state, `null`).
 */
export interface State extends FilterObject {
  /** The state string (`"Form:name"`), `"*"` for {@link anyState}, `null` for {@link defaultState}. */
  readonly state: string | null;
  /** The group the state belongs to; `undefined` outside any group. */
  readonly group: StatesGroup | undefined;
  /** Whether the current state of `ctx.state` is this one. */
  check(event: unknown, ctx: StateFilterContext): Promise<boolean>;
  /** The state string; `"<default>"` for {@link defaultState}. */
  toString(): string;
}

/**
 * A state of a form, to put in a {@link StatesGroup}. Its name is the member name, or `name` when given (aiogram's
 * `State("custom")`); the group adds its own name in front: `"Form:custom"`. A state used outside any group is
 * named `"@:custom"`, again as in aiogram. To match or set a state string exactly as written, pass the string
 * itself to `StateFilter` and `setState`.
 *
 * @example
 * const Form = StatesGroup("Form", { name: State(), age: State(), photo: State("avatar") });
 * Form.name.state; // "Form:name"
 * Form.photo.state; // "Form:avatar"
 */
export function State(name?: string): State {
  if (name !== undefined && (typeof name !== "string" || name === "")) {
    throw new InvalidArgumentError(
      `Invalid state name: expected a non-empty string, got ${describeValue(name)}`,
    );
  }
  return new StateObject(name);
}

/** Where {@link StatesGroup} binds a state; not part of the public surface. */
export class StateObject implements State {
  #name: string | undefined;
  #group: StatesGroup | undefined;
  #fullGroupName: (() => string) | undefined;
  readonly #fixed: boolean;

  constructor(name: string | undefined, fixed = false) {
    this.#name = name;
    this.#fixed = fixed;
  }

  get state(): string | null {
    if (this.#fixed || this.#name === undefined) return this.#name ?? null;
    return `${this.#fullGroupName?.() ?? "@"}:${this.#name}`;
  }

  get group(): StatesGroup | undefined {
    return this.#group;
  }

  async check(_event: unknown, ctx: StateFilterContext): Promise<boolean> {
    return matchesState(this.state, await currentState(ctx));
  }

  toString(): string {
    return this.state ?? "<default>";
  }

  /** Called once by the group that takes the state as its member `member`. */
  bind(member: string, group: StatesGroup, fullGroupName: () => string): void {
    if (this.#fixed) {
      throw new InvalidArgumentError(`${this} cannot be a member of a group (member "${member}")`);
    }
    if (this.#group !== undefined) {
      throw new InvalidArgumentError(`State "${member}" already belongs to group ${this.#group}`);
    }
    this.#group = group;
    this.#fullGroupName = fullGroupName;
    this.#name ??= member;
  }
}

/**
 * Matches every state, `null` included: `router.message(anyState, handler)` runs whatever the sender's state. The
 * state string is `"*"`; it cannot be set.
 */
export const anyState: State = new StateObject("*", true);

/**
 * The state of someone who is in no form (state `null`): `router.message(defaultState, handler)` runs only outside
 * every form. `setState(defaultState)` is `setState(null)`.
 */
export const defaultState: State = new StateObject(undefined, true);

/**
 * What state filters read from a handler's ctx: `ctx.state` (an {@link FSMContext}), absent for events without
 * FSM context.
 */
export interface StateFilterContext {
  readonly state?: { getState(): Promise<string | null> };
}

/** The state of the event's FSM record; `null` without FSM context. */
export async function currentState(ctx: StateFilterContext | undefined): Promise<string | null> {
  const state = ctx?.state;
  return state === undefined ? null : state.getState();
}

/** Whether a state filter value (`"*"` matches everything) accepts the current state. */
export function matchesState(expected: string | null, current: string | null): boolean {
  return expected === "*" || expected === current;
}
