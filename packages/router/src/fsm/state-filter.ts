import { describeValue, InvalidArgumentError } from "@tc/api";
import type { FilterObject } from "../filters/filter.js";
import { currentState, type State, type StateFilterContext, StateObject } from "./state.js";
import { isStatesGroup, type StatesGroup } from "./states-group.js";

/** What {@link StateFilter} accepts: a state, a group, a state string (`"*"` for any), or `null` (no state). */
export type StateFilterInput = State | StatesGroup | string | null;

/** The filter made by {@link StateFilter}. */
export interface StateFilterObject extends FilterObject {
  /** The states it was made of. */
  readonly states: readonly StateFilterInput[];
  /** Whether the current state of `ctx.state` is one of {@link states}. */
  check(event: unknown, ctx: StateFilterContext): Promise<boolean>;
}

/**
 * Matches when the current FSM state is any of `states`: states and groups (a group matches any of its states),
 * state strings, `"*"` or {@link anyState} (everything), `null` or {@link defaultState} (no state). Events without
 * FSM context (no chat or no author) have no state: only `null`, {@link defaultState} and `"*"` match them.
 *
 * @example
 * router.message(StateFilter(Form.name, Form.age), handler);
 * router.message(StateFilter(null), Command("start"), start); // only outside every form
 */
export function StateFilter(...states: StateFilterInput[]): StateFilterObject {
  if (states.length === 0) throw new InvalidArgumentError("StateFilter needs at least one state");
  const names = new Set<string | null>();
  const groups: StatesGroup[] = [];
  states.forEach((state, index) => {
    if (state === null || typeof state === "string") names.add(state);
    else if (state instanceof StateObject) names.add(state.state);
    else if (isStatesGroup(state)) groups.push(state);
    else {
      throw new InvalidArgumentError(
        `StateFilter state ${index + 1}: expected a State, a StatesGroup, a string or null, got ${describeValue(state)}`,
      );
    }
  });
  const any = names.has("*");
  return {
    states: Object.freeze([...states]),
    async check(_event, ctx) {
      if (any) return true;
      const current = await currentState(ctx);
      return names.has(current) || groups.some((group) => group.contains(current));
    },
  };
}
