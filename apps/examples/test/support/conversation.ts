// How the tests act as humans: an emulator per test, a bot of an example connected to it, and a helper that
// says something and returns what the bot posted in answer.
import type { Bot, RunnableBot } from "@tc/bot";
import { Emulator } from "@tc/emulator";
import { afterEach } from "vitest";
import { type Connection, emulatorConnection } from "../../src/run-example.js";

type Envelope = ReturnType<Emulator["messages"]>[number];
/** A file as a simulated human sends it. */
export type HumanFile = Parameters<ReturnType<Emulator["as"]>["sendFile"]>[1];

/** A stored message as the tests read it. */
export interface Posted {
  messageId: string;
  chatId: string;
  type: number;
  author: { id: string };
  replyMessageId?: string;
  content: {
    text?: string;
    parseMode?: string;
    name?: string;
    mimeType?: string;
    size?: number;
    fileId?: string;
  };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

/** An emulator with the seeded world (bot, alice, bob, carol, a P2P chat and the group "Team"), stopped after the test. */
export async function startEmulator(): Promise<{ emu: Emulator; connection: Connection }> {
  const emu = await Emulator.start();
  cleanups.push(() => emu.stop());
  return { emu, connection: emulatorConnection(emu) };
}

/** Starts a bot and shuts it down after the test. */
export async function started<B extends RunnableBot>(bot: B): Promise<B> {
  cleanups.push(() => bot.shutdown({ deadline: 1_000 }));
  await bot.start();
  return bot;
}

/** What a human does in a chat: a text, or a file. */
export type Act = string | { file: HumanFile };

/**
 * `user` posts in `chatId`; resolves, once the bot has answered and its handlers have finished, with what the
 * bot posted in `watch` (the same chat by default) meanwhile.
 */
export async function say(
  emu: Emulator,
  bot: Bot,
  user: string,
  chatId: string,
  act: Act,
  watch: string = chatId,
): Promise<Posted[]> {
  const before = emu.messages(watch).length;
  if (typeof act === "string") await emu.as(user).send(chatId, act);
  else await emu.as(user).sendFile(chatId, act.file);
  const fromBot = (): Posted[] =>
    (emu.messages(watch).slice(before) as unknown as Posted[]).filter((m) => m.author.id === bot.meId);
  await emu.waitFor(() => fromBot().length > 0);
  await settled(emu, [bot]);
  return fromBot();
}

/**
 * Resolves once every push has reached the bots (each acknowledged) and their handlers have finished, so that
 * what has not been posted by then will not be.
 */
export async function settled(emu: Emulator, bots: readonly Bot[]): Promise<void> {
  await emu.waitFor(() => emu.sessions.every((s) => !s.open || s.pendingAcks === 0));
  await Promise.all(bots.map((bot) => bot.dispatcher.idle()));
}

/** The texts of posted messages. */
export const texts = (posted: readonly (Posted | Envelope)[]): (string | undefined)[] =>
  posted.map((m) => (m as Posted).content.text);
