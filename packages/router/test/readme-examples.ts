// The README's examples: each `#region` body is a code block of README.md, verbatim but for the import path
// (readme.test.ts checks that and runs every example on events parsed from protocol-sample frames).
// #region imports
import type { Api, ChangedFileUploadLimits, Message } from "@tc/api";
import { ChatParticipantRole } from "@tc/api";
import {
  Command,
  Dispatcher,
  F,
  type Intake,
  MemoryStorage,
  Router,
  UpdateValidationError,
} from "../src/index.js";

// What the snippets below work on: a dispatcher and routers you created, a set of admins, your bot's Api
// and the transport under it.
declare const dp: Dispatcher;
declare const r: Router;
declare const router: Router;
declare const admin: Router;
declare const admins: Set<string>;
declare const bot: Api;
declare const api: Api;
declare const transport: Intake;
// #endregion imports

/** What the examples print with console.log (readme.test.ts captures it). */
export const printed: unknown[][] = [];

export function creatingRouters() {
  // #region routers
  const r = new Router();
  const named = new Router({ name: "Router1" });

  r.message(async (message) => {
    console.log("new message in", message.chatId);
  });
  // #endregion routers
  return { r, named };
}

export function filters() {
  // #region filters
  const texts = new Router();
  texts.message(F.text, async (message) => {
    console.log(message.text.toUpperCase()); // message.text is a string here
  });

  const photos = new Router();
  photos.message(F.photo, async (message) => {
    await message.photo.download({ destPath: `./photos/${message.photo.name}` });
  });

  const fromElisa = new Router();
  fromElisa.message(F.fromUserId.eq("elisa"), async (message) => {
    await message.answer("Hi Elisa!");
  });
  // #endregion filters
  return [texts, photos, fromElisa];
}

export function dispatcher() {
  // #region dispatcher
  const r1 = new Router();
  const r2 = new Router();
  const r3 = new Router();
  const r4 = new Router();

  const dp = new Dispatcher();
  dp.includeRouters(r1, r2, r3, r4); // or dp.includeRouter(r1) … one by one
  // #endregion dispatcher
  return { dp, r1, r2, r3, r4 };
}

export function dynamicRouters(dp: Dispatcher, r: Router) {
  // #region dynamic
  async function handleMessage(message: Message) {
    await message.answer("I remember you.");
  }

  r.message(Command("start"), async (msg) => {
    const dynamic = new Router();
    dp.includeRouter(dynamic);
    dynamic.message(F.fromUserId.eq(msg.fromUserId), handleMessage);
  });
  // #endregion dynamic
}

export function removingRouters(dp: Dispatcher) {
  // #region remove
  for (const router of dp.routers) {
    if (router.name === "Cool") dp.removeRouter(router); // dp.routers is a copy: removing is safe
  }
  // #endregion remove
}

export function priorities(r: Router) {
  // #region priorities
  r.message(F.text.eq("Hello"), async (message) => {
    await message.answer("First");
  });
  r.message(F.text.eq("Hello"), async (message) => {
    await message.answer("Second"); // never runs: the first handler took the event
  });
  // #endregion priorities
}

export function referenceExamples(router: Router) {
  // #region reference
  router.message(F.text.eq("hello"), async (msg) => {
    await msg.answer("Hi there!");
  });

  router.changedFileUploadLimits(async (event: ChangedFileUploadLimits) => {
    console.log(`Max file size: ${event.maxSize}`);
    if (event.extensions) {
      console.log(`Mode: ${event.extensions.mode}`);
      console.log(`Extensions: ${event.extensions.list}`);
    }
  });

  router.changedParticipantRole(async (event) => {
    if (event.role === ChatParticipantRole.ADMIN) {
      console.log(`${event.userId} has been promoted to admin in chat ${event.chatId}`);
    }
  });

  router.clearedChatHistory(async (event) => {
    console.log(`History was cleared in chat ${event.chatId}. For all: ${event.forAll}`);
  });

  router.editedChatAvatar(async (event) => {
    console.log(`Avatar was updated in chat ${event.chatId}`);
    console.log(`New avatar: ${event.avatarUrl}`);
  });

  router.editedChatTitle(async (event) => {
    console.log(`Chat ${event.chatId} has a new title: ${event.title}`);
  });

  router.event("sendMessage", F.text.eq("ping"), async (msg) => {
    await msg.answer("pong"); // the generic form of router.message
  });
  router.event("someFutureEvent", async (update) => {
    console.log("raw payload:", update.payload);
  });
  // #endregion reference
}

export function middlewareExample(dp: Dispatcher, admin: Router, admins: Set<string>) {
  // #region middleware
  dp.useOuter(async (event, ctx, next) => {
    const started = performance.now();
    await next(); // resolves after the handlers of every router have finished
    ctx.log.debug(`${event.method} took ${performance.now() - started} ms`);
  });

  admin.useOuter(async (event, _ctx, next) => {
    if (admins.has(event.fromUserId ?? "")) return next();
    // not calling next: the admin router and its children never see the event
  });

  admin.message.middleware(async (message, _ctx, next) => {
    console.log(`before the handler of ${message.messageId}`);
    await next();
    console.log("after the handler");
  });
  // #endregion middleware
}

export function errorsExample(router: Router) {
  // #region errors
  router.message(Command("crash"), async () => {
    throw new RangeError("something broke");
  });

  router.error(RangeError, async ({ error, event }) => {
    console.log(`caught ${error.message} while handling ${event.method}`);
  });
  router.error(UpdateValidationError, async ({ error }) => {
    console.log(`a broken ${error.update.method} push:`, error.issues);
  });
  // #endregion errors
}

export function contextExample(bot: Api) {
  // #region context
  interface Db {
    count(chatId: string): Promise<number>;
  }

  const dp = new Dispatcher<{ db: Db }>();
  const router = dp.includeRouter(new Router<{ db: Db }>());

  const counts = new Map<string, number>();
  const db: Db = {
    count: async (chatId) => {
      counts.set(chatId, (counts.get(chatId) ?? 0) + 1);
      return counts.get(chatId)!;
    },
  };
  dp.useOuter(async (_event, ctx, next) => {
    ctx.db = db; // a middleware provides the field…
    return next();
  });

  router.message(Command("count"), async (message, ctx) => {
    const n = await ctx.db.count(message.chatId); // …and handlers read it, typed
    await ctx.state.updateData({ last: ctx.command.args });
    await message.answer(`Message ${n} in this chat`);
  });
  // #endregion context
  void bot;
  return { feed: (event: Message) => dp.feedUpdate(event), stop: () => dp.stop() };
}

export async function concurrencyExample(api: Api, transport: { pause(): void; resume(): void }) {
  // #region concurrency
  const dp = new Dispatcher({
    concurrency: { key: "chat", limit: 64 }, // or just a number: the limit
    maxQueued: 1024, // waiting events above which the intake is paused
    storage: new MemoryStorage(), // FSM storage; fsmStrategy and keyBuilder: see docs/fsm.md
    logger: console,
  });
  const detach = dp.attach(api, { intake: transport });
  // …
  const { finished, cut } = await dp.stop({ deadline: 10_000 });
  // #endregion concurrency
  return { detach, finished, cut };
}
