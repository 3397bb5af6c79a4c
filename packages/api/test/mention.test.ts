import { describe, expect, it } from "vitest";
import { Api, type Message } from "../src/index.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

function messageFor(text: string, userId: string | null = "support_bot@video.example.org/80830e3b"): Message {
  const api = new Api(new ScriptedRequester({}, userId ?? undefined));
  return api.parseUpdate({
    method: "sendMessage",
    id: 1,
    payload: {
      messageId: "m1",
      chatId: "c1",
      timestamp: 1,
      type: 200,
      author: { id: "alice@video.example.org", type: 1 },
      isEdited: false,
      content: { text, parseMode: "html" },
    },
  }) as Message;
}

describe("Message.mention", () => {
  it("sees HTML mentions with either quote style, suffixes and any case", () => {
    expect(messageFor('<a href="trueconf:support_bot@video.example.org">Bot</a> hi').mention).toBe(true);
    expect(messageFor("<a href='trueconf:support_bot@video.example.org'>Bot</a>").mention).toBe(true);
    expect(messageFor('<a href="trueconf:support_bot@video.example.org&do=profile">Bot</a>').mention).toBe(
      true,
    );
    expect(messageFor('<a href="trueconf:support_bot@video.example.org/80830e3b">Bot</a>').mention).toBe(
      true,
    );
    expect(messageFor('<a href="trueconf:support_bot@video.example.org?k=v">Bot</a>').mention).toBe(true);
    expect(messageFor('<A HREF = "trueconf:Support_Bot@Video.Example.org">Bot</A>').mention).toBe(true);
  });

  it("sees Markdown mentions and a bare login", () => {
    expect(messageFor("[Bot](trueconf:support_bot@video.example.org) ping").mention).toBe(true);
    expect(messageFor("[Bot](trueconf:SUPPORT_BOT@video.example.org/abc)").mention).toBe(true);
    expect(messageFor('<a href="trueconf:support_bot">Bot</a>').mention).toBe(true);
  });

  it("sees @all as a word anywhere, not inside other words", () => {
    expect(messageFor("@all").mention).toBe(true);
    expect(messageFor("  @ALL please read").mention).toBe(true);
    expect(messageFor("hello @all!").mention).toBe(true);
    expect(messageFor("mail me at x@all.example").mention).toBe(false);
    expect(messageFor("@allison").mention).toBe(false);
  });

  it("does not match other users, similar ids or texts without mentions", () => {
    expect(messageFor('<a href="trueconf:alice@video.example.org">Alice</a>').mention).toBe(false);
    expect(messageFor('<a href="trueconf:support_bot2@video.example.org">B2</a>').mention).toBe(false);
    expect(messageFor('<a href="trueconf:support_bot@other.example.org">Bot</a>').mention).toBe(false);
    expect(messageFor("support_bot@video.example.org without a link").mention).toBe(false);
  });

  it("is false without a session (the bot's id is unknown) unless @all", () => {
    expect(messageFor('<a href="trueconf:support_bot@video.example.org">Bot</a>', null).mention).toBe(false);
    expect(messageFor("@all", null).mention).toBe(true);
  });
});

describe("Message.mention on adversarial texts (linear time)", () => {
  it("an id never runs across a later mention", () => {
    // The former id class accepted `](trueconf:` inside an id, so the first link swallowed the real mention.
    expect(messageFor("[x](trueconf:someone](trueconf:support_bot@video.example.org)").mention).toBe(true);
    expect(messageFor('href="trueconf:a<a href="trueconf:support_bot@video.example.org">').mention).toBe(
      true,
    );
  });

  it("finishes on 200 KB of unterminated mention openers", () => {
    const markdown = "](trueconf:".repeat(20_000);
    const html = 'href="trueconf:'.repeat(14_000);
    expect(markdown.length + html.length).toBeGreaterThan(400_000);
    expect(messageFor(markdown).mention).toBe(false);
    expect(messageFor(html).mention).toBe(false);
  });
});
