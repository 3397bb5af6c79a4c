import {
  Dispatcher as BaseDispatcher,
  Router as BaseRouter,
  type ContextTypes,
  type DispatcherOptions,
  type RouterOptions,
} from "@tc/router";
import type { Bot } from "./bot.js";

/**
 * The @tc/router `Router`, whose handlers see this package's `Bot` by default: `message.bot` and `ctx.bot` are
 * typed `Bot` (`new Router<{ bot: MyBot }>()` for a subclass of yours). The same class at run time.
 *
 * @example
 * const router = new Router();
 * router.message(F.text, async (message) => console.log(await message.bot.meChat()));
 */
export const Router: new <T extends ContextTypes = { bot: Bot }>(options?: RouterOptions) => BaseRouter<T> =
  BaseRouter;
/** A {@link Router} whose context types default to this package's `Bot`. */
export type Router<T extends ContextTypes = { bot: Bot }> = BaseRouter<T>;

/**
 * The @tc/router `Dispatcher`, whose handlers see this package's `Bot` by default (see {@link Router}). The same
 * class at run time.
 *
 * @example
 * const dp = new Dispatcher();
 * dp.message((message) => message.bot.healthCheck());
 */
export const Dispatcher: new <T extends ContextTypes = { bot: Bot }>(
  options?: DispatcherOptions,
) => BaseDispatcher<T> = BaseDispatcher;
/** A {@link Dispatcher} whose context types default to this package's `Bot`. */
export type Dispatcher<T extends ContextTypes = { bot: Bot }> = BaseDispatcher<T>;
