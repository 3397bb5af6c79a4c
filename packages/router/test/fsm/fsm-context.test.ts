import { describe, expect, expectTypeOf, it } from "vitest";
import {
  anyState,
  defaultState,
  FSMContext,
  MemoryStorage,
  State,
  StatesGroup,
  StorageKey,
} from "../../src/fsm/index.js";

const Form = StatesGroup("Form", { name: State(), age: State() });
type FormData = { name?: string; age?: number };
const key = new StorageKey({ botId: "bot@srv", chatId: "chat", userId: "alice@srv" });

describe("FSMContext", () => {
  it("sets and reads the state from states, strings and null", async () => {
    const state = new FSMContext(new MemoryStorage(), key);
    expect(await state.getState()).toBeNull();
    await state.setState(Form.name);
    expect(await state.getState()).toBe("Form:name");
    await state.setState("raw:state");
    expect(await state.getState()).toBe("raw:state");
    await state.setState(defaultState);
    expect(await state.getState()).toBeNull();
    await state.setState(Form.age);
    await state.setState(null);
    expect(await state.getState()).toBeNull();
  });

  it("refuses states that cannot be set", async () => {
    const state = new FSMContext(new MemoryStorage(), key);
    await expect(async () => state.setState(anyState)).rejects.toThrow(/cannot be set/);
    await expect(async () => state.setState("")).rejects.toThrow(/empty/);
    await expect(async () => state.setState(7 as never)).rejects.toThrow(/expects a State/);
  });

  it("keeps typed data: set, update, get values, clear", async () => {
    const state = new FSMContext<FormData>(new MemoryStorage(), key);
    await state.setData({ name: "Anna" });
    const merged = await state.updateData({ age: 30 });
    expect(merged).toEqual({ name: "Anna", age: 30 });
    expectTypeOf(merged).toEqualTypeOf<FormData>();
    expect(await state.getValue("name")).toBe("Anna");
    expectTypeOf(state.getValue("age")).toEqualTypeOf<Promise<number | undefined>>();
    expect(await state.getValue("age", 0)).toBe(30);
    await state.setState(Form.age);
    await state.clear();
    expect(await state.getState()).toBeNull();
    expect(await state.getData()).toEqual({});
    expect(await state.getValue("age", 18)).toBe(18);
  });

  it("tells an absent key from a key holding undefined-like values", async () => {
    const state = new FSMContext<{ note?: string | null }>(new MemoryStorage(), key);
    await state.setData({ note: null });
    expect(await state.getValue("note", "fallback")).toBeNull();
  });
});
