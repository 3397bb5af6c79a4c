import type { Api, Logger } from "@tc/api";
import type { FSMContext } from "./fsm/index.js";

/**
 * What a router's handlers may expect besides the events: the bot class events are bound to (`bot`), and any
 * extra ctx fields your middleware or feeder supplies. One plain object type, given once to the router:
 *
 * @example
 * interface Db { save(text: string): Promise<void> }
 * const router = new Router<{ bot: MyBot; db: Db }>();
 * router.message(async (message, ctx) => {
 *   await ctx.db.save(message.text ?? "");   // typed: Db
 *   ctx.bot.myHelper();                      // typed: MyBot
 * });
 */
export type ContextTypes = object;

/** The bot class a {@link ContextTypes} names (`Api` when it names none). */
export type BotOf<T extends ContextTypes> = T extends { bot: infer B extends Api } ? B : Api;

/** The extra ctx fields a {@link ContextTypes} names (everything but `bot`). */
export type ExtrasOf<T extends ContextTypes> = Omit<T, "bot">;

/** The fields every handler's ctx has, whatever the event. */
export interface BaseContext<B extends Api = Api> {
  /** The Api or Bot the event arrived on (what the feeder passed, or the one the event is bound to). */
  readonly bot: B;
  /** The same as {@link BaseContext.bot}. */
  readonly api: B;
  /** The frame id of the push; `undefined` for events not from a push. */
  readonly updateId: number | undefined;
  /** Aborted when the dispatcher stops and the shutdown deadline has passed: long work should give up. */
  readonly signal: AbortSignal;
  /** The dispatcher's logger. */
  readonly log: Logger;
}

/**
 * `{ state: FSMContext }` for events that always have a chat and an author (`chatId: string` and
 * `fromUserId: string`), `{}` for the others: the FSM keys records by chat and user, so an event without them
 * has no state. For a union of events, `state` is there only when every member has it.
 */
export type StateContext<E> = [E] extends [{ readonly chatId: string; readonly fromUserId: string }]
  ? { readonly state: FSMContext }
  : {};

/**
 * The ctx handlers and middleware receive for an event of type `E` in a router declared with `T`: the
 * {@link BaseContext}, the FSM `state` where the event has one, and the extras of `T`. Filters add their fields
 * on top for the handler they guard (`ctx.command` after `Command(...)`).
 *
 * @example
 * import type { Context } from "@tc/router";
 * import type { Message } from "@tc/api";
 * async function greet(message: Message, ctx: Context<Message>) {
 *   await ctx.state.setState("greeted");
 *   await message.answer("Hello!");
 * }
 */
export type Context<E, T extends ContextTypes = {}> = BaseContext<BotOf<T>> & ExtrasOf<T> & StateContext<E>;

/**
 * What a feeder may pass to `dispatcher.feedUpdate(event, ctx)`: the bot (needed for raw `Update`s, which are
 * bound to nothing) and any of the declared extras.
 */
export type FeedContext<T extends ContextTypes = {}> = { bot?: BotOf<T> } & Partial<ExtrasOf<T>>;
