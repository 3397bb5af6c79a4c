import { describe, expectTypeOf, it } from "vitest";
import {
  Api,
  type ChangedFileUploadLimits,
  type CreatedGroupChat,
  type EditedMessage,
  type IncomingEvent,
  type IncomingEventMap,
  type IncomingMethod,
  type Message,
  type RawUpdate,
  type RemovedMessage,
  type Update,
  type UploadingProgress,
} from "../src/index.js";

/** What a Bot does: extend the Api. Events it parses must be bound to the subclass, typed as such. */
class MyApi extends Api {
  hello(): string {
    return "hi";
  }
}

declare const myApi: MyApi;
declare const raw: RawUpdate;

describe("events are typed by the Api subclass that parsed them", () => {
  it("parseUpdate on a subclass gives events whose bot and api are that subclass", () => {
    const event = myApi.parseUpdate(raw);
    expectTypeOf(event).toEqualTypeOf<IncomingEvent<MyApi> | Update>();
    if (event.method === "sendMessage") {
      expectTypeOf(event).toEqualTypeOf<Message<MyApi>>();
      expectTypeOf(event.bot).toEqualTypeOf<MyApi>();
      expectTypeOf(event.api).toEqualTypeOf<MyApi>();
      expectTypeOf(event.bot.hello()).toEqualTypeOf<string>();
      expectTypeOf(event.forwarded).toEqualTypeOf<Message<MyApi> | undefined>();
    }
  });

  it("api.on hands out events of the subclass", () => {
    myApi.on("event", (event) => {
      expectTypeOf(event).toEqualTypeOf<IncomingEvent<MyApi> | Update>();
    });
    expectTypeOf(myApi.on).returns.toEqualTypeOf<() => void>();
  });

  it("results that hold messages are bound to the subclass", () => {
    expectTypeOf(myApi.getMessageById).returns.resolves.toEqualTypeOf<Message<MyApi>>();
    expectTypeOf(myApi.getChatHistory)
      .returns.resolves.toHaveProperty("messages")
      .toEqualTypeOf<Message<MyApi>[]>();
  });
});

declare const event: IncomingEvent | Update;

describe("comparing method narrows IncomingEvent | Update", () => {
  it("to the class of a known method, never to Update", () => {
    if (event.method === "sendMessage") expectTypeOf(event).toEqualTypeOf<Message>();
    if (event.method === "editMessage") expectTypeOf(event).toEqualTypeOf<EditedMessage>();
    if (event.method === "getFileUploadLimits") expectTypeOf(event).toEqualTypeOf<ChangedFileUploadLimits>();
  });

  it("leaves Update in the other branch, and an Update's method is still a string", () => {
    if (event.method !== "sendMessage") expectTypeOf(event).toEqualTypeOf<Exclude<typeof event, Message>>();
    const update = {} as Update;
    expectTypeOf(update.method).toExtend<string>();
  });

  it("Update keeps its raw fields", () => {
    const update = {} as Update;
    expectTypeOf(update.frameType).toEqualTypeOf<1>();
    expectTypeOf(update.updateId).toEqualTypeOf<number>();
    expectTypeOf(update.issues).toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf(update.chatId).toEqualTypeOf<undefined>();
    expectTypeOf(update.fromUserId).toEqualTypeOf<undefined>();
    expectTypeOf(update.ack).toEqualTypeOf<() => void>();
  });
});

describe("the common fields are precise per class", () => {
  it("chatId and fromUserId", () => {
    expectTypeOf<Message["chatId"]>().toEqualTypeOf<string>();
    expectTypeOf<Message["fromUserId"]>().toEqualTypeOf<string>();
    expectTypeOf<RemovedMessage["fromUserId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<EditedMessage["fromUserId"]>().toEqualTypeOf<undefined>();
    expectTypeOf<CreatedGroupChat["chatId"]>().toEqualTypeOf<string>();
    expectTypeOf<UploadingProgress["chatId"]>().toEqualTypeOf<undefined>();
    expectTypeOf<IncomingEvent["chatId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<IncomingEvent["updateId"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<IncomingEvent["ack"]>().toEqualTypeOf<() => void>();
  });

  it("the map and its keys", () => {
    expectTypeOf<IncomingEventMap<MyApi>["sendMessage"]>().toEqualTypeOf<Message<MyApi>>();
    expectTypeOf<IncomingMethod>().toEqualTypeOf<keyof IncomingEventMap>();
    expectTypeOf<IncomingEvent["method"]>().toEqualTypeOf<IncomingMethod>();
  });
});
