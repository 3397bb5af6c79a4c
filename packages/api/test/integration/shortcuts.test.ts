import { randomBytes } from "node:crypto";
import { BufferedInputFile } from "@tc/files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, Message } from "../../src/index.js";
import { type Connected, connect, isA } from "./connect.js";

let world: Connected;
let chatId: string;
let incoming: Message;
beforeAll(async () => {
  world = await connect();
  chatId = world.emu.createChat({ type: "group", title: "Shortcuts", owner: "alice", participants: ["bot"] });
  await world.emu.as("alice").send(chatId, { text: "**hello** bot", parseMode: "markdown" });
  incoming = await world.nextEvent(isA(Message, (m) => m.chatId === chatId));
});
afterAll(async () => {
  await world?.close();
});

type Seen = { messageId: string; type: number; replyMessageId?: string; content: Record<string, unknown> };
const seenIn = (chat: string) => world.emu.messages(chat) as unknown as Seen[];

describe("Message shortcuts over real sockets", () => {
  it("answer and reply default to HTML; reply links the message", async () => {
    const answered = await incoming.answer("<b>hi</b>");
    const replied = await incoming.reply("ok", { parseMode: "text" });
    const seen = seenIn(chatId);
    expect(seen.find((m) => m.messageId === answered.messageId)?.content).toMatchObject({
      text: "<b>hi</b>",
      parseMode: "html",
    });
    expect(seen.find((m) => m.messageId === replied.messageId)).toMatchObject({
      replyMessageId: incoming.messageId,
      content: { parseMode: "text" },
    });
  });

  it("forward, copyTo and saveToFavorites", async () => {
    const other = world.emu.createChat({ type: "group", title: "Other", owner: "bot" });
    const forwarded = await incoming.forward(other);
    expect(seenIn(other).find((m) => m.messageId === forwarded.messageId)?.type).toBe(201);
    const copied = await incoming.copyTo(other);
    expect(seenIn(other).find((m) => m.messageId === copied?.messageId)?.content).toMatchObject({
      text: "**hello** bot",
      parseMode: "markdown",
    });
    const saved = await incoming.saveToFavorites();
    const favorites = await world.api.meChat();
    expect(saved?.chatId).toBe(favorites);
    const savedCopy = await incoming.saveToFavorites({ copy: true });
    expect(seenIn(favorites).map((m) => m.messageId)).toEqual(
      expect.arrayContaining([saved?.messageId, savedCopy?.messageId]),
    );
  });

  it("answerDocument / answerPhoto / answerSticker and their reply forms", async () => {
    const file = () => new BufferedInputFile(randomBytes(50), { fileName: "f.txt" });
    const image = () => new BufferedInputFile(randomBytes(50), { fileName: "p.png", mimeType: "image/png" });
    const webp = () => new BufferedInputFile(randomBytes(50), { fileName: "s.webp", mimeType: "image/webp" });
    const results = [
      await incoming.answerDocument(file(), { caption: "doc" }),
      await incoming.answerPhoto(image(), { preview: webp() }),
      await incoming.answerSticker(webp()),
      await incoming.replyDocument(file()),
      await incoming.replyPhoto(image(), { caption: "pic" }),
      await incoming.replySticker(webp()),
    ];
    const seen = seenIn(chatId);
    const byId = (id: string) => seen.find((m) => m.messageId === id);
    expect(results.map((r) => byId(r.messageId)?.type)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(results.slice(3).map((r) => byId(r.messageId)?.replyMessageId)).toEqual([
      incoming.messageId,
      incoming.messageId,
      incoming.messageId,
    ]);
    const sticker = await world.api.getMessageById({ messageId: results[2]?.messageId as string });
    expect(sticker.sticker?.mimeType).toBe("sticker/webp");
  });

  it("a shortcut given unusable options rejects with InvalidArgumentError and sends nothing", async () => {
    const file = () => new BufferedInputFile(randomBytes(5), { fileName: "f.txt" });
    const before = world.emu.requests().length;
    const bad = null as never;
    for (const shortcut of [
      () => incoming.answer("x", bad),
      () => incoming.reply("x", bad),
      () => incoming.forward(chatId, bad),
      () => incoming.copyTo(chatId, bad),
      () => incoming.answerDocument(file(), bad),
      () => incoming.answerPhoto(file(), bad),
      () => incoming.answerSticker(file(), bad),
      () => incoming.replyDocument(file(), bad),
      () => incoming.replyPhoto(file(), bad),
      () => incoming.replySticker(file(), bad),
      () => incoming.delete(bad),
      () => incoming.saveToFavorites(bad),
      () => incoming.answer(42 as never),
      () => incoming.delete({ forAll: "yes" as never }),
    ]) {
      await expect(shortcut()).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(world.emu.requests().length).toBe(before);
  });

  it("delete removes the message for everyone", async () => {
    const mine = await world.api.getMessageById({
      messageId: (await incoming.answer("temporary")).messageId,
    });
    await mine.delete({ forAll: true });
    expect(seenIn(chatId).some((m) => m.messageId === mine.messageId)).toBe(false);
  });
});
