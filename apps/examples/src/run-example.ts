// What every example shares: how it logs in (a token, or a login and password, from the environment), and
// how `node --import tsx src/<example>.ts` runs it — against the server the environment names or, when it
// names none, against an embedded emulator where whatever you type is said by a simulated user.
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { Bot, type BotOptions, Dispatcher, InvalidArgumentError, Router, runBots } from "@tc/bot";
import type { Emulator } from "@tc/emulator";

/**
 * Where a bot connects and as whom: a token, or a login and password (then it fetches its own tokens).
 *
 * @example
 * const connection: Connection = { server: "video.example.com", token: process.env.TRUECONF_TOKEN };
 */
export interface Connection {
  /** Host name or IP address of the TrueConf Server. */
  server: string;
  token?: string;
  username?: string;
  password?: string;
  /** Default true (https and wss). */
  https?: boolean;
  /** Default 443 with https, 4309 without. */
  webPort?: number;
  /** Default true. */
  verifySsl?: BotOptions["verifySsl"];
}

/** Bot options an example may add; where and as whom it connects comes from the {@link Connection}. */
export type ExampleBotOptions = Omit<
  BotOptions,
  "server" | "token" | "tokenProvider" | "https" | "webPort" | "verifySsl"
>;

/**
 * Creates the bot a connection describes: `new Bot` with a token, `Bot.fromCredentials` with a login.
 *
 * @example
 * const bot = await connectBot(connection, { dispatcher: dp });
 */
export async function connectBot(connection: Connection, options: ExampleBotOptions = {}): Promise<Bot> {
  const { server, token, username, password, https, webPort, verifySsl } = connection;
  const where = { https, webPort, verifySsl };
  if (token !== undefined) return new Bot({ ...options, ...where, server, token });
  if (username === undefined || password === undefined) {
    throw new InvalidArgumentError(`Give a token, or a username and a password, to connect to ${server}`);
  }
  return Bot.fromCredentials(server, username, password, { ...options, ...where });
}

/**
 * A bot whose dispatcher has one router, filled by `register`: the shape most examples share (the Getting
 * Started one spells it out).
 *
 * @example
 * const bot = await connectRouted(connection, (router) => router.message(F.text, (m) => m.answer(m.text)));
 */
export function connectRouted(connection: Connection, register: (router: Router) => void): Promise<Bot> {
  const router = new Router();
  register(router);
  const dp = new Dispatcher();
  dp.includeRouter(router);
  return connectBot(connection, { dispatcher: dp });
}

/**
 * The connection the environment describes for a bot account, or `undefined` when `TRUECONF_SERVER` is unset:
 * `TRUECONF_TOKEN`, or `TRUECONF_USERNAME` and `TRUECONF_PASSWORD`; `TRUECONF_HTTPS=false`,
 * `TRUECONF_WEB_PORT`, `TRUECONF_VERIFY_SSL=false`. A named account reads `TRUECONF_<NAME>_TOKEN` (…)
 * instead, on the same server.
 *
 * @example
 * const alerts = connectionFromEnv(process.env, "alerts"); // TRUECONF_ALERTS_TOKEN, …
 */
export function connectionFromEnv(env: NodeJS.ProcessEnv, account?: string): Connection | undefined {
  const server = env.TRUECONF_SERVER;
  if (server === undefined || server === "") return undefined;
  const prefix = account === undefined ? "TRUECONF_" : `TRUECONF_${account.toUpperCase()}_`;
  const connection: Connection = {
    server,
    token: env[`${prefix}TOKEN`],
    username: env[`${prefix}USERNAME`],
    password: env[`${prefix}PASSWORD`],
    https: env.TRUECONF_HTTPS !== "false",
    verifySsl: env.TRUECONF_VERIFY_SSL !== "false",
  };
  if (env.TRUECONF_WEB_PORT) connection.webPort = Number(env.TRUECONF_WEB_PORT);
  if (
    connection.token === undefined &&
    (connection.username === undefined || connection.password === undefined)
  ) {
    throw new InvalidArgumentError(
      `TRUECONF_SERVER is set: set ${prefix}TOKEN, or ${prefix}USERNAME and ${prefix}PASSWORD, too`,
    );
  }
  return connection;
}

/** The bot accounts each emulator has (the seeded one, and those {@link emulatorConnection} added). */
const addedAccounts = new WeakMap<Emulator, Set<string>>();

/**
 * The connection of a bot account of an emulator: the seeded `bot` by default, or an account `name` (created
 * on first use, with the password `<name>-password`).
 *
 * @example
 * const bot = await createBot(emulatorConnection(emu));
 */
export function emulatorConnection(emulator: Emulator, name = "bot"): Connection {
  const password = name === "bot" ? "bot-password" : `${name}-password`;
  const accounts = addedAccounts.get(emulator) ?? new Set(["bot"]);
  addedAccounts.set(emulator, accounts);
  if (!accounts.has(name)) {
    emulator.addBot({ login: name, password });
    accounts.add(name);
  }
  return { server: "127.0.0.1", https: false, webPort: emulator.port, username: name, password };
}

/** What an example's start function is given by {@link runExample}. */
export interface ExampleWorld {
  /** How to log in as a bot account: the main one, or another one (`"alerts"`) for examples with two bots. */
  connection(account?: string): Connection;
  /** The embedded emulator when no server is configured, else `undefined`. */
  emulator: Emulator | undefined;
}

/**
 * Whether the module is the program Node was started with (`node --import tsx src/echo-bot.ts`), and not
 * imported by a test: Python's `if __name__ == "__main__"`.
 *
 * @example
 * if (isMain(import.meta.url)) await runExample((world) => createBot(world.connection()));
 */
export function isMain(moduleUrl: string): boolean {
  const started = process.argv[1];
  return started !== undefined && pathToFileURL(started).href === moduleUrl;
}

/**
 * Runs an example until Ctrl+C. With `TRUECONF_SERVER` set, its bots connect there. Without, an emulator is
 * started in the process: every line typed is sent by the user alice to the bot's P2P chat (`@team <text>`
 * sends it to the group chat "Team"), and whatever is posted in those chats is printed.
 *
 * @example
 * await runExample((world) => createBot(world.connection()));
 */
export async function runExample(
  start: (world: ExampleWorld) => Promise<Bot | readonly Bot[]>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const configured = connectionFromEnv(env);
  // Loaded only without a server: against a real one, an example needs nothing of the emulator.
  const emulator = configured ? undefined : await (await import("@tc/emulator")).Emulator.start();
  const connection = (account?: string): Connection =>
    emulator ? emulatorConnection(emulator, account) : (connectionFromEnv(env, account) as Connection);
  let stopConsole = (): void => {};
  try {
    const bots = listOf(await start({ connection, emulator }));
    const running = runBots(bots);
    // A failed start rejects both; it is reported once, by the await below.
    running.catch(() => {});
    // Bot.start() is idempotent: this awaits the start runBots began, so that nothing is said to the bots
    // before they can hear it.
    await Promise.all(bots.map((bot) => bot.start()));
    console.log(
      `Running as ${bots.map((bot) => bot.meId).join(" and ")} on ${connection().server}. Ctrl+C stops.`,
    );
    if (emulator) stopConsole = chatConsole(emulator);
    await running;
  } finally {
    stopConsole();
    await emulator?.stop();
  }
}

function listOf(bots: Bot | readonly Bot[]): readonly Bot[] {
  return bots instanceof Bot ? [bots] : (bots as readonly Bot[]);
}

/** Reads lines typed on stdin as alice's messages and prints what is posted in the seeded chats. */
function chatConsole(emulator: Emulator): () => void {
  const { p2pChatId, groupChatId } = emulator.seeded!;
  const chats = new Map([
    [p2pChatId, "P2P"],
    [groupChatId, "Team"],
  ]);
  const printed = new Map([...chats.keys()].map((chatId) => [chatId, 0]));
  const printNew = (): void => {
    for (const [chatId, title] of chats) {
      const messages = emulator.messages(chatId);
      for (const message of messages.slice(printed.get(chatId)))
        console.log(`[${title}] ${describe(message)}`);
      printed.set(chatId, messages.length);
    }
  };
  const unsubscribe = emulator.onFrame(printNew);
  console.log(`An emulator runs on ${emulator.httpUrl}. Type a message as alice (@team <text> for the group`);
  console.log(`chat "Team").`);
  if (emulator.playgroundUrl) console.log(`Or chat as any user in the browser: ${emulator.playgroundUrl}`);
  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => {
    const toTeam = line.startsWith("@team ");
    const text = toTeam ? line.slice("@team ".length) : line;
    if (text.trim() === "") return;
    emulator
      .as("alice")
      .send(toTeam ? groupChatId : p2pChatId, text)
      .then(printNew, (error: Error) => console.error(`not sent: ${error.message}`));
  });
  // On a terminal, readline takes Ctrl+C for itself: hand it on, so that the bots drain as usual.
  input.on("SIGINT", () => process.emit("SIGINT"));
  return () => {
    unsubscribe();
    input.close();
  };
}

/** One line for a stored envelope: author, then the text or the file. */
function describe(envelope: Record<string, unknown>): string {
  const author = (envelope.author as { id?: string } | undefined)?.id ?? "?";
  const content = (envelope.content ?? {}) as {
    text?: string;
    name?: string;
    mimeType?: string;
    size?: number;
  };
  if (typeof content.text === "string") return `${author}: ${content.text}`;
  if (typeof content.name === "string")
    return `${author}: [file ${content.name}, ${content.mimeType}, ${content.size} B]`;
  return `${author}: ${JSON.stringify(content)}`;
}
