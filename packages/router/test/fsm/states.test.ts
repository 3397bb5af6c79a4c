import { InvalidArgumentError } from "@tc/api";
import { describe, expect, it } from "vitest";
import {
  anyState,
  defaultState,
  FSMContext,
  MemoryStorage,
  State,
  StateFilter,
  StatesGroup,
  StorageKey,
} from "../../src/fsm/index.js";

const Form = StatesGroup("Form", {
  name: State(),
  age: State(),
  photo: State("avatar"),
  Address: StatesGroup("Address", { city: State(), Street: StatesGroup("Street", { house: State() }) }),
});

/** A ctx whose FSM record is in `state`. */
async function ctxIn(state: string | null) {
  const context = new FSMContext(
    new MemoryStorage(),
    new StorageKey({ botId: "b", chatId: "c", userId: "u" }),
  );
  await context.setState(state);
  return { state: context };
}

describe("State and StatesGroup", () => {
  it("name states after the group and member, as aiogram does", () => {
    expect(Form.name.state).toBe("Form:name");
    expect(Form.age.state).toBe("Form:age");
    expect(Form.photo.state).toBe("Form:avatar");
    expect(Form.Address.city.state).toBe("Form.Address:city");
    expect(Form.Address.Street.house.state).toBe("Form.Address.Street:house");
    expect(String(Form.name)).toBe("Form:name");
    expect(Form.name.group).toBe(Form);
    expect(Form.Address.parent).toBe(Form);
    expect(Form.Address.fullGroupName).toBe("Form.Address");
    expect(Form.Address.groupName).toBe("Address");
  });

  it("lists its states, nested ones included", () => {
    expect(Form.states).toEqual([Form.name, Form.age, Form.photo]);
    expect(Form.childGroups).toEqual([Form.Address]);
    expect(Form.allStateNames).toEqual([
      "Form:name",
      "Form:age",
      "Form:avatar",
      "Form.Address:city",
      "Form.Address.Street:house",
    ]);
    expect(Form.contains(Form.Address.city)).toBe(true);
    expect(Form.contains("Form.Address.Street:house")).toBe(true);
    expect(Form.contains(Form.Address.Street)).toBe(true);
    expect(Form.Address.contains(Form.name)).toBe(false);
    expect(Form.Address.contains(Form)).toBe(false);
    expect(Form.contains(null)).toBe(false);
    expect(String(Form.Address)).toBe("StatesGroup Form.Address");
  });

  it("names a state outside any group with @, and a nameless one is the default state", () => {
    expect(State("loose").state).toBe("@:loose");
    expect(State().state).toBeNull();
    expect(anyState.state).toBe("*");
    expect(defaultState.state).toBeNull();
    expect(String(defaultState)).toBe("<default>");
  });

  it("renames the states of a group nested after it was made", () => {
    const Inner = StatesGroup("Inner", { step: State() });
    expect(Inner.allStateNames).toEqual(["Inner:step"]);
    const Outer = StatesGroup("Outer", { Inner });
    expect(Outer.Inner.step.state).toBe("Outer.Inner:step");
    expect(Inner.allStateNames).toEqual(["Outer.Inner:step"]);
  });

  it("refuses bad groups with typed errors", () => {
    const shared = State();
    StatesGroup("One", { shared });
    expect(() => StatesGroup("Two", { shared })).toThrow(/already belongs to group StatesGroup One/);
    expect(() => StatesGroup("Bad", { states: State() })).toThrow(/"states" is a name the group itself uses/);
    expect(() => StatesGroup("Bad", { any: anyState })).toThrow(/cannot be a member of a group/);
    expect(() => StatesGroup("Bad", { value: "x" as never })).toThrow(
      /must be a State\(\) or a StatesGroup\(\)/,
    );
    expect(() => StatesGroup("A:B", {})).toThrow(InvalidArgumentError);
    expect(() => StatesGroup("", {})).toThrow(/Invalid group name/);
    expect(() => State("")).toThrow(/Invalid state name/);
    const Child = StatesGroup("Child", {});
    StatesGroup("P1", { Child });
    expect(() => StatesGroup("P2", { Child })).toThrow(/already belongs to StatesGroup P1/);
  });
});

describe("states as filters", () => {
  it("a state matches only itself", async () => {
    expect(await Form.name.check(undefined, await ctxIn("Form:name"))).toBe(true);
    expect(await Form.name.check(undefined, await ctxIn("Form:age"))).toBe(false);
    expect(await Form.name.check(undefined, await ctxIn(null))).toBe(false);
  });

  it("a group matches any of its states, nested ones included", async () => {
    expect(await Form.check(undefined, await ctxIn("Form:age"))).toBe(true);
    expect(await Form.check(undefined, await ctxIn("Form.Address.Street:house"))).toBe(true);
    expect(await Form.Address.check(undefined, await ctxIn("Form:age"))).toBe(false);
    expect(await Form.check(undefined, await ctxIn(null))).toBe(false);
    expect(await Form.check(undefined, await ctxIn("Other:age"))).toBe(false);
  });

  it("anyState matches everything; defaultState only no state", async () => {
    expect(await anyState.check(undefined, await ctxIn("Form:age"))).toBe(true);
    expect(await anyState.check(undefined, await ctxIn(null))).toBe(true);
    expect(await defaultState.check(undefined, await ctxIn(null))).toBe(true);
    expect(await defaultState.check(undefined, await ctxIn("Form:age"))).toBe(false);
  });

  it("without FSM context (no chat or author) the state is null", async () => {
    expect(await defaultState.check(undefined, {})).toBe(true);
    expect(await Form.name.check(undefined, {})).toBe(false);
    expect(await Form.check(undefined, {})).toBe(false);
    expect(await StateFilter(null).check(undefined, {})).toBe(true);
  });

  it("StateFilter matches any of states, groups, strings, null and *", async () => {
    const filter = StateFilter(Form.name, Form.Address, "custom:raw");
    expect(await filter.check(undefined, await ctxIn("Form:name"))).toBe(true);
    expect(await filter.check(undefined, await ctxIn("Form.Address:city"))).toBe(true);
    expect(await filter.check(undefined, await ctxIn("custom:raw"))).toBe(true);
    expect(await filter.check(undefined, await ctxIn("Form:age"))).toBe(false);
    expect(await filter.check(undefined, await ctxIn(null))).toBe(false);
    expect(await StateFilter(defaultState).check(undefined, await ctxIn(null))).toBe(true);
    expect(await StateFilter(null, Form.age).check(undefined, await ctxIn("Form:age"))).toBe(true);
    expect(await StateFilter("*").check(undefined, await ctxIn("anything"))).toBe(true);
    expect(await StateFilter(anyState).check(undefined, {})).toBe(true);
    expect(filter.states).toEqual([Form.name, Form.Address, "custom:raw"]);
  });

  it("StateFilter refuses nothing and non-states", () => {
    expect(() => StateFilter()).toThrow(/at least one state/);
    expect(() => StateFilter(42 as never)).toThrow(/StateFilter state 1: expected a State/);
  });
});
