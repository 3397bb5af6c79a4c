import { BufferedInputFile } from "@tc/files";
import { Bold, Italic, Text } from "@tc/format";
import { describe, expect, it } from "vitest";
import { Api, type Message, TextMessageTooLongError } from "../src/index.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

const sent = { chatId: "c1", messageId: "m2", timestamp: 2 };

function setup() {
  const requester = new ScriptedRequester({
    sendMessage: sent,
    editMessage: { messageId: "m2", timestamp: 3 },
    uploadFile: { uploadTaskId: "t1" },
    getFileUploadLimits: { maxSize: null, extensions: null },
  });
  return { requester, api: new Api(requester) };
}

describe("format nodes as message texts", () => {
  it("a node without parseMode is sent as HTML, with parseMode rendered in that mode", async () => {
    const { api, requester } = setup();
    await api.sendMessage({ chatId: "c1", text: Text("Build ", Bold("failed"), " <main>") });
    await api.sendMessage({ chatId: "c1", text: Text(Italic("hi")), parseMode: "markdown" });
    await api.editMessage({ messageId: "m2", text: Bold("x"), parseMode: "text" });
    expect(requester.calls.map((c) => (c.payload as { content: unknown }).content)).toEqual([
      { text: "Build <b>failed</b> &lt;main&gt;", parseMode: "html" },
      { text: "*hi*", parseMode: "markdown" },
      { text: "x", parseMode: "text" },
    ]);
  });

  it("message.answer and reply take a node", async () => {
    const { api, requester } = setup();
    const message = api.parseUpdate({
      method: "sendMessage",
      id: 1,
      payload: {
        messageId: "m1",
        chatId: "c1",
        timestamp: 1,
        type: 200,
        author: { id: "alice@srv", type: 1 },
        content: { text: "hi", parseMode: "text" },
      },
    }) as Message;
    await message.answer(Text(Bold("hi")));
    await message.reply(Bold("ok"));
    expect(requester.calls.map((c) => c.payload)).toEqual([
      { chatId: "c1", replyMessageId: null, content: { text: "<b>hi</b>", parseMode: "html" } },
      { chatId: "c1", replyMessageId: "m1", content: { text: "<b>ok</b>", parseMode: "html" } },
    ]);
  });

  it("limits apply to the rendered visible text", async () => {
    const { api, requester } = setup();
    // 4096 visible characters in bold: the tags do not count.
    await api.sendMessage({ chatId: "c1", text: Bold("a".repeat(4096)) });
    await expect(api.sendMessage({ chatId: "c1", text: Bold("a".repeat(4097)) })).rejects.toBeInstanceOf(
      TextMessageTooLongError,
    );
    await expect(api.sendMessage({ chatId: "c1", text: Text("  ") })).rejects.toThrow(/must not be empty/);
    expect(requester.methods()).toEqual(["sendMessage"]);
  });

  it("a caption may be a node (rendered before the upload)", async () => {
    const { api } = setup();
    const file = new BufferedInputFile(new Uint8Array(3), { fileName: "a.txt" });
    await expect(api.sendDocument({ chatId: "c1", file, caption: Bold("b".repeat(4097)) })).rejects.toThrow(
      /caption is 4097/,
    );
  });
});
