import { Emulator } from "@tc/emulator";
import { afterEach } from "vitest";
import { Bot, type BotOptions, Dispatcher, type Logger, type Message, Router } from "../../src/index.js";

/** Every line the bot logged, at every level, for the redaction checks. */
export interface CapturedLog extends Logger {
  readonly lines: string[];
}

/** A logger that keeps what it is given. */
export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      lines.push([level, message, ...details.map(String)].join(" "));
  return { lines, debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

/** An emulator on 127.0.0.1 with the seeded world, stopped after the test. */
export async function startEmulator(options: Parameters<typeof Emulator.start>[0] = {}): Promise<Emulator> {
  const emu = await Emulator.start(options);
  cleanups.push(() => emu.stop());
  return emu;
}

/** The seeded bot account logged in with its password over plain http to the emulator, shut down after the test. */
export async function botFor(
  emu: Emulator,
  options: Omit<BotOptions, "server" | "token" | "tokenProvider"> = {},
): Promise<Bot> {
  const bot = await Bot.fromCredentials("127.0.0.1", "bot", "bot-password", {
    https: false,
    webPort: emu.port,
    dispatcher: options.dispatcher ?? new Dispatcher(),
    ...options,
  });
  cleanups.push(() => bot.shutdown({ deadline: 1_000 }));
  return bot;
}

/** What the tests read of a stored message (the emulator returns wire envelopes as plain records). */
export interface StoredMessage {
  author: { id: string };
  content: { text?: string };
}

/** The messages of a chat, oldest first, as the emulator stores them. */
export function messagesOf(emu: Emulator, chatId: string): StoredMessage[] {
  return emu.messages(chatId) as unknown as StoredMessage[];
}

/** Polls `condition` until it holds, failing after `timeout` ms. */
export async function waitFor(condition: () => boolean, timeout = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeout) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A dispatcher whose one handler records every message text it handles, per chat, in the order handled. */
export function recordingDispatcher(): { dp: Dispatcher; seen: Map<string, string[]> } {
  const seen = new Map<string, string[]>();
  const router = new Router();
  router.message((message: Message) => {
    const list = seen.get(message.chatId) ?? [];
    list.push(message.text ?? "");
    seen.set(message.chatId, list);
  });
  const dp = new Dispatcher();
  dp.includeRouter(router);
  return { dp, seen };
}
