import { anyState, Command, type FSMContext, Router, State, StatesGroup } from "../../../src/index.js";

// class Form(StatesGroup): name = State(); age = State()
export const Form = StatesGroup("Form", { name: State(), age: State() });

// What the form collects; optional, since it fills up one step at a time.
type FormData = { name?: string; age?: number };

export const router = new Router();

router.message(Command("start"), async (message, ctx) => {
  await ctx.state.setState(Form.name);
  await message.answer("Hi! What is your name?");
});

// Registered before the form's steps, so that /cancel wins in any state.
router.message(Command("cancel"), anyState, async (message, ctx) => {
  if ((await ctx.state.getState()) === null) return;
  await ctx.state.clear();
  await message.answer("Cancelled.");
});

router.message(Form.name, async (message, ctx) => {
  await ctx.state.updateData({ name: message.text });
  await ctx.state.setState(Form.age);
  await message.answer("How old are you?");
});

router.message(Form.age, async (message, ctx) => {
  const age = Number(message.text);
  if (!Number.isInteger(age) || age <= 0) {
    await message.answer("Please send your age as a number.");
    return; // the state stays Form.age: the next message is another try
  }
  const state = ctx.state as FSMContext<FormData>;
  const { name } = await state.updateData({ age });
  await state.clear();
  await message.answer(`Nice to meet you, ${name} (${age}).`);
});
