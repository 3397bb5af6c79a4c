import * as core from "@tc/core";
import * as transport from "@tc/transport";
import { describe, expect, it } from "vitest";
import * as apiEntry from "../src/index.js";
import { Api, ChatTitleTooLongError, InvalidArgumentError, TextMessageTooLongError } from "../src/index.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

describe("unknown option keys", () => {
  it("every method rejects a mistyped key with a suggestion, before anything is sent", async () => {
    const requester = new ScriptedRequester();
    const api = new Api(requester);
    await expect(api.sendMessage({ chatId: "c", text: "t", parsemode: "html" } as never)).rejects.toThrow(
      'sendMessage options: unknown option "parsemode" (did you mean "parseMode"?)',
    );
    await expect(api.getChats({ pag: 2 } as never)).rejects.toThrow(/did you mean "page"/);
    await expect(api.createFavoritesChat({ timout: 5 } as never)).rejects.toThrow(/did you mean "timeout"/);
    await expect(api.downloadFileById("f", { destpath: "x" } as never)).rejects.toThrow(
      /did you mean "destPath"/,
    );
    expect(requester.calls).toEqual([]);
  });

  it("the Message shortcuts check their own options", async () => {
    const api = new Api(new ScriptedRequester());
    const message = api.parseUpdate({
      method: "sendMessage",
      id: 1,
      payload: {
        messageId: "m",
        chatId: "c",
        timestamp: 1,
        type: 200,
        author: { id: "a" },
        content: { text: "x" },
      },
    }) as apiEntry.Message;
    await expect(message.answer("hi", { parse_mode: "html" } as never)).rejects.toThrow(/answer options/);
    await expect(message.delete({ forall: true } as never)).rejects.toThrow(/did you mean "forAll"/);
  });

  it("the Api constructor checks its options", () => {
    expect(() => new Api(new ScriptedRequester(), { fileReadyTimout: 5 } as never)).toThrow(
      InvalidArgumentError,
    );
  });
});

describe("errors from the entry point", () => {
  it("re-exports every error a bot handles from the layers below", () => {
    expect([
      apiEntry.TrueConfChatBotError,
      apiEntry.InvalidArgumentError,
      apiEntry.LimitExceededError,
    ]).toEqual([core.TrueConfChatBotError, core.InvalidArgumentError, core.LimitExceededError]);
    expect([
      apiEntry.ApiErrorException,
      apiEntry.ConnectionLostError,
      apiEntry.ClientStoppedError,
      apiEntry.ConnectionFailedError,
      apiEntry.InvalidGrantError,
      apiEntry.TokenRequestError,
      apiEntry.TokenValidationError,
      apiEntry.RequestTimeoutError,
      apiEntry.RequestAbortedError,
    ]).toEqual([
      transport.ApiErrorException,
      transport.ConnectionLostError,
      transport.ClientStoppedError,
      transport.ConnectionFailedError,
      transport.InvalidGrantError,
      transport.TokenRequestError,
      transport.TokenValidationError,
      transport.RequestTimeoutError,
      transport.RequestAbortedError,
    ]);
  });

  it("text and title errors extend @tc/core's LimitExceededError", () => {
    expect(new TextMessageTooLongError(5000)).toBeInstanceOf(core.LimitExceededError);
    expect(new ChatTitleTooLongError(300)).toBeInstanceOf(core.LimitExceededError);
  });
});
