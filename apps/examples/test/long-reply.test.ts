import { MESSAGE_TEXT_LIMIT, ParseMode, visibleLength } from "@tc/bot";
import { describe, expect, it } from "vitest";
import { createBot, generateReply } from "../src/long-reply.js";
import { say, startEmulator, started, texts } from "./support/conversation.js";

/** The text a reader sees, with the whitespace at the cuts squeezed out. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();

describe("a long LLM-style reply split with safeSplitText", () => {
  it("arrives as several messages, each within the limit, well-formed, and together the whole reply", async () => {
    const { emu, connection } = await startEmulator();
    const bot = await started(await createBot(connection));
    const question = "deploying <the bot>";
    const reply = await generateReply(question);
    expect(visibleLength(reply, { parseMode: ParseMode.HTML })).toBeGreaterThan(2 * MESSAGE_TEXT_LIMIT);

    const posted = await say(emu, bot, "alice", emu.seeded!.p2pChatId, question);
    const chunks = texts(posted) as string[];
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const chunk of chunks) {
      expect(visibleLength(chunk, { parseMode: ParseMode.HTML })).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
      for (const tag of ["b", "i", "a"]) {
        expect(chunk.match(new RegExp(`<${tag}[ >]`, "g"))?.length).toBe(
          chunk.match(new RegExp(`</${tag}>`, "g"))?.length,
        );
      }
    }
    expect(posted.every((m) => m.content.parseMode === "html")).toBe(true);
    expect(visible(chunks.join(" "))).toBe(visible(reply));
    // The question came back escaped inside the reply, not as markup.
    expect(chunks[0]).toContain("<i>deploying &lt;the bot&gt;</i>");
  });
});
