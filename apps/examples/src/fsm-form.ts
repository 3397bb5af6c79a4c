// A form with the FSM: the bot asks for a name, then an age, checks the age, and answers; /cancel leaves the
// form at any step. The state is kept per user and chat, so two people can fill the form at the same time.
import { anyState, type Bot, Command, type FSMContext, type Router, State, StatesGroup } from "@tc/bot";
import { type Connection, connectRouted, isMain, runExample } from "./run-example.js";

/** The form's steps: `class Form(StatesGroup): name = State(); age = State()` in Python. */
export const Form = StatesGroup("Form", { name: State(), age: State() });

/** What the form collects; optional, since it fills up one step at a time. */
type FormData = { name?: string; age?: number };

/**
 * Registers `/start`, `/cancel` and the form's steps.
 *
 * @example
 * register(router);
 */
export function register(router: Router): void {
  router.message(Command("start"), async (message, ctx) => {
    await ctx.state.setState(Form.name);
    await message.answer("Hi! What is your name?");
  });

  // Registered before the form's steps, so that /cancel wins in any state.
  router.message(Command("cancel"), anyState, async (message, ctx) => {
    if ((await ctx.state.getState()) === null) {
      await message.answer("There is nothing to cancel.");
      return;
    }
    await ctx.state.clear();
    await message.answer("Cancelled.");
  });

  router.message(Form.name, async (message, ctx) => {
    const name = message.text?.trim();
    if (!name) {
      await message.answer("Please send your name as text.");
      return;
    }
    await ctx.state.updateData({ name });
    await ctx.state.setState(Form.age);
    await message.answer("How old are you?", { parseMode: "text" });
  });

  router.message(Form.age, async (message, ctx) => {
    const age = Number(message.text);
    if (!Number.isInteger(age) || age <= 0 || age > 150) {
      await message.answer("Please send your age as a whole number.");
      return; // the state stays Form.age: the next message is another try
    }
    const state = ctx.state as FSMContext<FormData>;
    const { name } = await state.updateData({ age });
    await state.clear();
    await message.answer(`Nice to meet you, ${name} (${age}).`, { parseMode: "text" });
  });
}

/**
 * The form bot.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export function createBot(connection: Connection): Promise<Bot> {
  return connectRouted(connection, register);
}

if (isMain(import.meta.url)) await runExample((world) => createBot(world.connection()));
