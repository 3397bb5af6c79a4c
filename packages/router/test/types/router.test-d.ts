import type {
  AddedChatParticipant,
  Api,
  ChangedFileUploadLimits,
  EditedMessage,
  Message,
  TextMessageTooLongError,
  Update,
  UploadingProgress,
} from "@tc/api";
import { describe, expectTypeOf, it } from "vitest";
import {
  Dispatcher,
  type ErrorEvent,
  ExceptionTypeFilter,
  type FSMContext,
  type Middleware,
  Router,
  type RouterEvent,
} from "../../src/index.js";

declare class MyBot extends Api {
  greet(): string;
}
interface Db {
  save(text: string): Promise<void>;
}

describe("router types", () => {
  it("types each observer's event by its class, and ctx by the event", () => {
    const router = new Router();
    router.message((message, ctx) => {
      expectTypeOf(message).toEqualTypeOf<Message<Api>>();
      expectTypeOf(ctx.bot).toEqualTypeOf<Api>();
      expectTypeOf(ctx.state).toEqualTypeOf<FSMContext>();
      expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
      expectTypeOf(ctx.updateId).toEqualTypeOf<number | undefined>();
    });
    router.editedMessage((event) => expectTypeOf(event).toEqualTypeOf<EditedMessage<Api>>());
    router.addedChatParticipant((event) => expectTypeOf(event).toEqualTypeOf<AddedChatParticipant<Api>>());
    router.uploadingProgress((event) => expectTypeOf(event).toEqualTypeOf<UploadingProgress<Api>>());
  });

  it("has no ctx.state for events without a chat and an author", () => {
    const router = new Router();
    router.changedFileUploadLimits((event, ctx) => {
      expectTypeOf(event).toEqualTypeOf<ChangedFileUploadLimits<Api>>();
      // @ts-expect-error: no FSM record without a chat and a user
      void ctx.state;
    });
    router.event("someFutureEvent", (update, ctx) => {
      expectTypeOf(update).toEqualTypeOf<Update>();
      // @ts-expect-error: raw updates have no state
      void ctx.state;
    });
  });

  it("gives event(method) the typed class of a known method", () => {
    new Router().event("sendMessage", (message) => expectTypeOf(message).toEqualTypeOf<Message<Api>>());
    new Router().event("editMessage", (event) => expectTypeOf(event).toEqualTypeOf<EditedMessage<Api>>());
  });

  it("flows the bot class and the declared extras into events and ctx", () => {
    const router = new Router<{ bot: MyBot; db: Db }>();
    router.message((message, ctx) => {
      expectTypeOf(message).toEqualTypeOf<Message<MyBot>>();
      expectTypeOf(message.bot).toEqualTypeOf<MyBot>();
      expectTypeOf(ctx.bot).toEqualTypeOf<MyBot>();
      expectTypeOf(ctx.db).toEqualTypeOf<Db>();
    });
    router.use(async (event, ctx, next) => {
      expectTypeOf(event).toEqualTypeOf<RouterEvent<{ bot: MyBot; db: Db }>>();
      ctx.db = { save: async () => {} };
      return next();
    });
    const dp = new Dispatcher<{ bot: MyBot; db: Db }>();
    dp.includeRouter(router);
    dp.feedUpdate({} as Message<MyBot>, { db: {} as Db });
    // @ts-expect-error: an undeclared extra
    dp.feedUpdate({} as Message<MyBot>, { cache: 1 });
  });

  it("types middleware per observer", () => {
    const router = new Router();
    router.message.middleware(async (message, ctx, next) => {
      expectTypeOf(message).toEqualTypeOf<Message<Api>>();
      expectTypeOf(ctx.state).toEqualTypeOf<FSMContext>();
      return next();
    });
    const logging: Middleware<RouterEvent, { log: { info(message: string): void } }> = async (
      event,
      ctx,
      next,
    ) => {
      ctx.log.info(event.method);
      return next();
    };
    router.useOuter(logging);
  });

  it("narrows error handlers by error class", () => {
    const router = new Router();
    router.error((event, ctx) => {
      expectTypeOf(event).toEqualTypeOf<ErrorEvent>();
      expectTypeOf(ctx.bot).toEqualTypeOf<Api>();
    });
    router.error(ExceptionTypeFilter(RangeError), ({ error }) =>
      expectTypeOf(error).toEqualTypeOf<RangeError>(),
    );
    router.error({} as typeof TextMessageTooLongError, ({ error }) =>
      expectTypeOf(error).toEqualTypeOf<TextMessageTooLongError>(),
    );
  });

  it("returns a remover from registrations and the child from includeRouter", () => {
    const dp = new Dispatcher();
    expectTypeOf(dp.message(() => {})).toEqualTypeOf<() => void>();
    const child = dp.includeRouter(new Router<{ db: Db }>());
    expectTypeOf(child).toEqualTypeOf<Router<{ db: Db }>>();
    // @ts-expect-error: the handler comes last, a string is no filter
    dp.message(() => {}, "x");
  });
});
