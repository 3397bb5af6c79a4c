import { describe, expect, it } from "vitest";
import { createBot } from "../src/sending-messages.js";
import { type Posted, say, startEmulator, started, texts } from "./support/conversation.js";

describe("sending, replying and forwarding (Sending messages, Shortcuts)", () => {
  it("writes to a user in private, replies, forwards to a chat found by title, and tells the chat id", async () => {
    const { emu, connection } = await startEmulator();
    const { groupChatId: team, p2pChatId: p2p } = emu.seeded!;
    const support = emu.createChat({ type: "group", title: "Support", owner: "bob", participants: ["bot"] });
    const bot = await started(await createBot(connection));

    // /dm in the group: "Hello!" arrives in alice's personal chat with the bot.
    expect(texts(await say(emu, bot, "alice", team, "/dm", p2p))).toEqual(["Hello!"]);
    expect(texts(emu.messages(team).slice(-1))).toEqual(["I have written to you in private."]);

    const replies = await say(emu, bot, "alice", team, "/reply");
    const command = emu.messages(team).find((m) => (m as unknown as Posted).content.text === "/reply");
    expect(replies.map((m) => [m.content.text, m.replyMessageId])).toEqual([
      ["This is a reply", command?.messageId],
      ["This is a reply too", command?.messageId],
    ]);

    const forwarded = await say(emu, bot, "alice", team, "/support my printer is on fire", support);
    expect(forwarded).toHaveLength(1);
    expect(JSON.stringify(forwarded[0]?.content)).toContain("/support my printer is on fire");
    expect(texts(emu.messages(team).slice(-1))).toEqual(["Forwarded to Support."]);

    expect(texts(await say(emu, bot, "alice", team, "/chatid"))).toEqual([`This chat's id is ${team}`]);

    const favorites = await bot.meChat();
    await say(emu, bot, "alice", p2p, "/favorite", favorites);
    expect(texts(emu.messages(p2p).slice(-1))).toEqual(["Saved to my favorites."]);

    expect(texts(await say(emu, bot, "alice", p2p, "just saying"))).toEqual(["Message received"]);
    expect(emu.messages(p2p).at(-1)?.author).toMatchObject({ id: bot.meId });
  });

  it("says so when there is no Support chat to forward to", async () => {
    const { emu, connection } = await startEmulator();
    const bot = await started(await createBot(connection));
    expect(texts(await say(emu, bot, "alice", emu.seeded!.p2pChatId, "/support help"))).toEqual([
      'There is no chat titled "Support" yet.',
    ]);
    expect(emu.requests("forwardMessage")).toHaveLength(0);
  });
});
