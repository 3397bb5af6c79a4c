import { describeValue, InvalidArgumentError } from "@tc/api";
import type { FilterObject } from "../filters/filter.js";
import { currentState, type State, type StateFilterContext, StateObject } from "./state.js";

/** What a group is made of: states and nested groups, by member name. */
export type StatesGroupMembers = Record<string, State | StatesGroupInfo>;

/** The methods and facts every group has, next to its members. */
export interface StatesGroupInfo extends FilterObject {
  /** The name given to {@link StatesGroup}: `"Child"`. */
  readonly groupName: string;
  /** The name with the names of the parents: `"Parent.Child"`. */
  readonly fullGroupName: string;
  /** The group this one is nested in. */
  readonly parent: StatesGroup | undefined;
  /** The group's own states, in definition order. */
  readonly states: readonly State[];
  /** The groups nested directly in this one. */
  readonly childGroups: readonly StatesGroup[];
  /** The states of this group and of every nested group. */
  readonly allStates: readonly State[];
  /** The state strings of {@link allStates}. */
  readonly allStateNames: readonly string[];
  /** Whether `state` (a state, a state string or a group) is this group's or a nested group's. */
  contains(state: State | StatesGroup | string | null): boolean;
  /** Whether the current state of `ctx.state` is one of {@link allStates}. */
  check(event: unknown, ctx: StateFilterContext): Promise<boolean>;
  /** `"StatesGroup Parent.Child"`. */
  toString(): string;
}

/** A group: its info and its members. */
export type StatesGroup<M = {}> = StatesGroupInfo & Readonly<M>;

/** Member names the group itself uses. */
const reserved: ReadonlySet<string> = new Set([
  "groupName",
  "fullGroupName",
  "parent",
  "states",
  "childGroups",
  "allStates",
  "allStateNames",
  "contains",
  "check",
  "toString",
  "constructor",
]);

const groupMark = Symbol("StatesGroup");

/**
 * A form: named states (and nested groups) that a handler moves the user through. The name comes first, then the
 * members; each state is named after its member. A group is a filter too: it matches any of its states, nested
 * groups' included.
 *
 * It is a function rather than a class with static members because a class cannot have a static member called
 * `name` (every function has one), and `name` is the first field of most forms.
 *
 * @example
 * const Form = StatesGroup("Form", {
 *   name: State(),
 *   age: State(),
 *   Address: StatesGroup("Address", { city: State() }),
 * });
 * Form.name.state; // "Form:name"
 * Form.Address.city.state; // "Form.Address:city"
 * router.message(Form, handler); // while the user is in any state of the form
 */
export function StatesGroup<const M extends StatesGroupMembers>(
  groupName: string,
  members: M,
): StatesGroup<M> {
  if (typeof groupName !== "string" || groupName === "" || /[:.]/.test(groupName)) {
    throw new InvalidArgumentError(
      `Invalid group name: expected a non-empty string without ":" or ".", got ${typeof groupName === "string" ? `"${groupName}"` : describeValue(groupName)}`,
    );
  }
  if (typeof members !== "object" || members === null || Array.isArray(members)) {
    throw new InvalidArgumentError(
      `StatesGroup ${groupName}: members must be an object, got ${describeValue(members)}`,
    );
  }
  return new StatesGroupObject(groupName, members) as unknown as StatesGroup<M>;
}

/** Whether `value` is a group made by {@link StatesGroup}. */
export function isStatesGroup(value: unknown): value is StatesGroup {
  return typeof value === "object" && value !== null && groupMark in value;
}

class StatesGroupObject implements StatesGroupInfo {
  readonly [groupMark] = true;
  readonly groupName: string;
  readonly states: readonly State[];
  readonly childGroups: readonly StatesGroup[];
  #parent: StatesGroupObject | undefined;
  #allStateNames: ReadonlySet<string> | undefined;

  constructor(groupName: string, members: StatesGroupMembers) {
    this.groupName = groupName;
    const states: State[] = [];
    const children: StatesGroup[] = [];
    for (const [member, value] of Object.entries(members)) {
      if (reserved.has(member)) {
        throw new InvalidArgumentError(
          `StatesGroup ${groupName}: "${member}" is a name the group itself uses; pick another member name`,
        );
      }
      if (value instanceof StateObject) {
        value.bind(member, this as unknown as StatesGroup, () => this.fullGroupName);
        states.push(value);
      } else if (value instanceof StatesGroupObject) {
        value.#adopt(this, member);
        children.push(value as unknown as StatesGroup);
      } else {
        throw new InvalidArgumentError(
          `StatesGroup ${groupName}: member "${member}" must be a State() or a StatesGroup(), got ${describeValue(value)}`,
        );
      }
      Object.defineProperty(this, member, { value, enumerable: true });
    }
    this.states = Object.freeze(states);
    this.childGroups = Object.freeze(children);
  }

  get fullGroupName(): string {
    return this.#parent === undefined ? this.groupName : `${this.#parent.fullGroupName}.${this.groupName}`;
  }

  get parent(): StatesGroup | undefined {
    return this.#parent as unknown as StatesGroup | undefined;
  }

  get allStates(): readonly State[] {
    return [...this.states, ...this.childGroups.flatMap((child) => child.allStates)];
  }

  get allStateNames(): readonly string[] {
    return [...this.#names()];
  }

  contains(state: State | StatesGroup | string | null): boolean {
    if (state instanceof StatesGroupObject) {
      for (let group: StatesGroupObject | undefined = state; group; group = group.#parent) {
        if (group === this) return true;
      }
      return false;
    }
    const name = typeof state === "string" || state === null ? state : (state as State).state;
    return name !== null && this.#names().has(name);
  }

  async check(_event: unknown, ctx: StateFilterContext): Promise<boolean> {
    const current = await currentState(ctx);
    return current !== null && this.#names().has(current);
  }

  toString(): string {
    return `StatesGroup ${this.fullGroupName}`;
  }

  #adopt(parent: StatesGroupObject, member: string): void {
    if (this.#parent !== undefined) {
      throw new InvalidArgumentError(`Group "${member}" already belongs to ${this.#parent}`);
    }
    for (let group: StatesGroupObject | undefined = parent; group; group = group.#parent) {
      if (group === this) throw new InvalidArgumentError(`${this} cannot be nested in itself`);
    }
    this.#parent = parent;
    this.#forgetNames();
  }

  /** State strings change with the parent: drop what was computed before the nesting. */
  #forgetNames(): void {
    this.#allStateNames = undefined;
    for (const child of this.childGroups) (child as unknown as StatesGroupObject).#forgetNames();
  }

  /** Computed on first use: by then every parent is known (a group is nested when its parent is made). */
  #names(): ReadonlySet<string> {
    this.#allStateNames ??= new Set(this.allStates.map((state) => state.state!));
    return this.#allStateNames;
  }
}
