// The README's main job: the echo bot. With TRUECONF_SERVER and a token or a login set, it runs against that
// server; otherwise it starts an embedded emulator and puts you in the chat as a human, in this terminal.
import { Bot } from "@tc/bot";
import { Emulator } from "@tc/emulator";
import { createEchoDispatcher } from "./echo-bot.js";
import { plainStyles, terminalStyles } from "./render-for-terminal.js";
import { TerminalChat } from "./terminal-chat.js";

const env = process.env;

if (env.TRUECONF_SERVER) {
  await runOnServer(env.TRUECONF_SERVER);
} else {
  await runOnEmulator();
}

/** A real TrueConf Server: the bot alone, until Ctrl+C. */
async function runOnServer(server: string): Promise<void> {
  const options = {
    https: env.TRUECONF_HTTPS !== "false",
    webPort: portOf(env.TRUECONF_PORT),
    dispatcher: createEchoDispatcher(),
  };
  if (env.TRUECONF_TOKEN) return new Bot({ server, token: env.TRUECONF_TOKEN, ...options }).run();
  if (!env.TRUECONF_USERNAME || !env.TRUECONF_PASSWORD) {
    console.error("With TRUECONF_SERVER, set TRUECONF_TOKEN, or TRUECONF_USERNAME and TRUECONF_PASSWORD.");
    process.exitCode = 2;
    return;
  }
  const bot = await Bot.fromCredentials(server, env.TRUECONF_USERNAME, env.TRUECONF_PASSWORD, options);
  await bot.run();
}

/** The embedded emulator, the bot on it, and the person in the chat as alice. */
async function runOnEmulator(): Promise<void> {
  const emu = await Emulator.start({ port: portOf(env.TC_EMULATOR_PORT) ?? 0 });
  const bot = new Bot({
    dispatcher: createEchoDispatcher(),
    server: "127.0.0.1",
    https: false,
    webPort: emu.port,
    token: emu.issueToken("bot"),
    logger: { debug() {}, info() {}, warn: (m) => console.error(m), error: (m) => console.error(m) },
  });
  await bot.start();
  console.log(`TrueConf Server emulator on ${emu.httpUrl}; the echo bot is ${bot.meId}.`);
  console.log(`Web playground (chat as any user, inspect every frame): ${emu.playgroundUrl}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bot.shutdown({ deadline: 5_000 });
    await emu.stop();
    console.log("Stopped.");
  };
  const chat = new TerminalChat({
    emulator: emu,
    input: process.stdin,
    output: process.stdout,
    styles: process.stdout.isTTY ? terminalStyles : plainStyles,
    onQuit: () => void stop(),
  });
  process.once("SIGINT", () => chat.quit());
  process.once("SIGTERM", () => chat.quit());
  chat.greet();
  await bot.stopped;
}

function portOf(value: string | undefined): number | undefined {
  return value === undefined || value === "" ? undefined : Number(value);
}
