import { describe, expectTypeOf, it } from "vitest";
import { Bot, Command, Dispatcher, F, type Message, Router } from "../src/index.js";

class MyBot extends Bot {
  greeting(): string {
    return "hi";
  }
}

describe("types of @tc/bot", () => {
  it("handlers see the Bot as message.bot and ctx.bot, and a subclass when the router says so", () => {
    const router = new Router();
    router.message(F.text, (message, ctx) => {
      expectTypeOf(message.bot).toEqualTypeOf<Bot>();
      expectTypeOf(ctx.bot).toEqualTypeOf<Bot>();
      expectTypeOf(message.text).toEqualTypeOf<string>();
    });
    router.message(Command("start"), (_message, ctx) => {
      expectTypeOf(ctx.command.args).toEqualTypeOf<string | undefined>();
    });
    const mine = new Router<{ bot: MyBot }>();
    mine.message((message: Message<MyBot>, ctx) => {
      expectTypeOf(ctx.bot.greeting()).toEqualTypeOf<string>();
      expectTypeOf(message.bot).toEqualTypeOf<MyBot>();
    });
    const dp = new Dispatcher();
    dp.includeRouter(router);
    expectTypeOf(new Bot({ server: "tc", token: "t", dispatcher: dp })).toEqualTypeOf<Bot>();
  });

  it("rejects an unknown option at compile time too", () => {
    // @ts-expect-error webport is not an option (webPort is)
    new Bot({ server: "tc", token: "t", webport: 443 });
  });
});
