import { sameUserId } from "@tc/api";
import type { Dispatcher } from "@tc/router";

/** Dispatchers that already have the middleware: it is installed once, whatever the number of bots. */
const equipped = new WeakSet<object>();

/** What the middleware reads from the bot an event arrived at. */
export interface MessageIntake {
  readonly meId: string | undefined;
  readonly skipSelfMessages: boolean;
  /** Records a message id; false when this bot already took that message (a redelivery). */
  firstDelivery(chatId: string, messageId: string): boolean;
}

/**
 * Installs, once per dispatcher, the outer middleware that drops the messages a bot must not handle: ones it
 * wrote itself (when its `skipSelfMessages` is on) and ones it already took (the server re-delivers a message
 * whose ack was lost with a connection). It reads the bot from the event's context, so one dispatcher can serve
 * several bots, each with its own id and memory.
 */
export function installMessageIntake(dispatcher: Dispatcher<never>): void {
  if (equipped.has(dispatcher)) return;
  equipped.add(dispatcher);
  dispatcher.message.outerMiddleware((message, ctx, next) => {
    const bot = ctx.bot as Partial<MessageIntake>;
    if (typeof bot.firstDelivery !== "function") return next();
    const me = bot.meId;
    if (bot.skipSelfMessages && me !== undefined && sameUserId(message.fromUserId, me)) return;
    // History items (no updateId) are not deliveries; only pushes are checked for duplicates.
    if (message.updateId !== undefined && !bot.firstDelivery(message.chatId, message.messageId)) {
      ctx.log.debug(`skipped a redelivered message (update ${message.updateId})`);
      return;
    }
    return next();
  });
}
