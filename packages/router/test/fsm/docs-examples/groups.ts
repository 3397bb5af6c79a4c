import { Command, Router, State, StateFilter, StatesGroup } from "../../../src/index.js";

export const Survey = StatesGroup("Survey", {
  Contact: StatesGroup("Contact", { email: State(), phone: State() }),
  rating: State(),
  comment: State("free_text"), // State("free_text"): the name is given, not the member's
});
// Survey.Contact.email.state === "Survey.Contact:email"
// Survey.comment.state       === "Survey:free_text"

export const router = new Router();

// Only outside every form: StateFilter(null), or StateFilter(defaultState).
router.message(StateFilter(null), Command("survey"), async (message, ctx) => {
  await ctx.state.setState(Survey.Contact.email);
  await message.answer("Your e-mail?");
});

// A group matches each of its states, nested groups' included.
router.message(Survey.Contact, async (message) => {
  await message.answer("Contact step");
});

// Several states, and state strings as they are stored (written by another bot, say).
router.message(StateFilter(Survey.rating, "Legacy:rating"), async (message, ctx) => {
  await ctx.state.clear();
  await message.answer("Thanks for rating!");
});
