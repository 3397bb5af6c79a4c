import { describe, expect, it } from "vitest";
import { createBot } from "../src/formatting.js";
import { say, startEmulator, started } from "./support/conversation.js";

describe("formatting (Text, Bold, Italic, Link, Mention … as HTML and Markdown)", () => {
  it("sends the builders' HTML and Markdown with the matching parse mode, and escapes the user's text", async () => {
    const { emu, connection } = await startEmulator();
    const bot = await started(await createBot(connection));
    const { groupChatId: chat, users } = emu.seeded!;
    const sent = async (text: string) => (await say(emu, bot, "alice", chat, text)).map((m) => m.content);

    expect(await sent("/html")).toEqual([
      {
        text: `<b>Important</b> message for <a href="trueconf:${users.alice}">Alice Smirnova</a>\n<a href="https://trueconf.com">Open website</a>`,
        parseMode: "html",
      },
    ]);
    expect(await sent("/markdown")).toEqual([
      {
        text: `**Important** message for [Alice Smirnova](trueconf:${users.alice})\n[Open website](https://trueconf.com)`,
        parseMode: "markdown",
      },
    ]);
    expect(await sent("/styles")).toEqual([
      { text: "<b>bold</b>, <i>italic</i>, <u>underlined</u>, <s>struck</s>", parseMode: "html" },
    ]);
    expect(await sent("/all")).toEqual([{ text: "@all standup in 5 minutes", parseMode: "html" }]);
    expect(await sent("/raw")).toEqual([{ text: "<b>Important</b>", parseMode: "html" }]);
    expect(await sent("/quote <b>not bold</b> & co")).toEqual([
      { text: "You said: <i>&lt;b&gt;not bold&lt;/b&gt; &amp; co</i>", parseMode: "html" },
    ]);
  });
});
