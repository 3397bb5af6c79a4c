#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Emulator, type EmulatorOptions } from "./emulator.js";
import { EmulatorConfigError } from "./errors.js";
import type { ProtocolOptions } from "./protocol-options.js";
import { parseProtocolAssignment } from "./protocol-options-check.js";
import type { LoadedWorld, WorldFile } from "./world-file.js";

const usage = `Usage: tc-emulator [options]

Starts a local TrueConf Server emulator with a seeded world (bot "bot" / "bot-password", users alice, bob, carol),
its HTTP control API (/emulator/api/) and the web playground (/playground).

Options:
  --port <n>               TCP port (default 4309; 0 picks a free one)
  --host <address>         interface to listen on (default 127.0.0.1)
  --tls-key <file>         PEM private key: serve https/wss (needs --tls-cert)
  --tls-cert <file>        PEM certificate
  --server-name <domain>   domain of user ids (default emulator.local)
  --protocol <key=value>   a protocol option, repeatable (e.g. --protocol roleFormat=number)
  --world <file.json>      build this world (users, bots, chats, messages) instead of the seeded one
  --no-playground          do not serve the web playground
  --control-token <token>  the control API's bearer token (default: none on 127.0.0.1, a random one elsewhere)
  -h, --help               show this help`;

/** Bridge's own port (PROTOCOL.md 1.1), so that clients configured for a real server without TLS just work. */
const defaultPort = 4309;

/** What the command line asks for: the emulator's options and, with `--world`, the world file's content. */
interface CliOptions {
  options: EmulatorOptions;
  world: WorldFile | undefined;
}

function readWorldFile(path: string): WorldFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new EmulatorConfigError(
      `--world: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  try {
    return JSON.parse(text) as WorldFile;
  } catch {
    throw new EmulatorConfigError(`--world: ${path} is not JSON`);
  }
}

function parseOptions(argv: string[]): CliOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "tls-key": { type: "string" },
      "tls-cert": { type: "string" },
      "server-name": { type: "string" },
      protocol: { type: "string", multiple: true },
      world: { type: "string" },
      "no-playground": { type: "boolean" },
      "control-token": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const port = values.port === undefined ? defaultPort : Number(values.port);
  if (values.port !== undefined && (values.port.trim() === "" || !Number.isInteger(port))) {
    throw new EmulatorConfigError(`--port must be an integer, got "${values.port}"`);
  }
  if ((values["tls-key"] === undefined) !== (values["tls-cert"] === undefined)) {
    throw new EmulatorConfigError("--tls-key and --tls-cert go together");
  }
  const protocol: Partial<ProtocolOptions> = {};
  for (const assignment of values.protocol ?? [])
    Object.assign(protocol, parseProtocolAssignment(assignment));
  // The frame log's default bound (the latest 100 000 frames) suits a server that runs for hours.
  const options: EmulatorOptions = { port, protocol };
  if (values.world !== undefined) options.seed = false;
  if (values["no-playground"]) options.playground = false;
  if (values["control-token"] !== undefined) options.controlToken = values["control-token"];
  if (values.host !== undefined) options.host = values.host;
  if (values["server-name"] !== undefined) options.serverName = values["server-name"];
  if (values["tls-key"] !== undefined && values["tls-cert"] !== undefined) {
    options.tls = { key: readFileSync(values["tls-key"]), cert: readFileSync(values["tls-cert"]) };
  }
  return { options, world: values.world === undefined ? undefined : readWorldFile(values.world) };
}

/**
 * What a bot author needs to connect, one value a line and always at the end of it, so that a double click
 * copies exactly the value (no trailing comma or quote glued to an id).
 */
function banner(emulator: Emulator, loaded: LoadedWorld | undefined): string {
  const lines = [
    `TrueConf Server emulator listening on ${emulator.httpUrl}`,
    `WebSocket: ${emulator.wsUrl}`,
    `Server name: ${emulator.serverName}`,
  ];
  const seeded = emulator.seeded;
  if (seeded !== undefined) {
    lines.push("Bot login: bot", "Bot password: bot-password", `Token: ${emulator.issueToken("bot")}`);
    lines.push(`Bot TrueConf ID: ${seeded.bot.userId}`);
    for (const [login, userId] of Object.entries(seeded.users)) lines.push(`User ${login}: ${userId}`);
    lines.push(`P2P chat with alice: ${seeded.p2pChatId}`, `Group chat "Team": ${seeded.groupChatId}`);
  } else {
    // A world file names its own passwords; the banner gives each bot a ready token instead.
    for (const account of emulator.accounts()) {
      if (account.isBot) {
        lines.push(`Bot ${account.login}: ${account.userId}`);
        lines.push(`Token for ${account.login}: ${emulator.issueToken(account.userId)}`);
      } else lines.push(`User ${account.login}: ${account.userId}`);
    }
    for (const chat of loaded?.chats ?? []) lines.push(`Chat "${chat.title}" (${chat.type}): ${chat.chatId}`);
  }
  lines.push(`Control API: ${emulator.controlApiUrl}`);
  if (emulator.controlToken !== undefined) lines.push(`Control token: ${emulator.controlToken}`);
  if (emulator.playgroundUrl !== undefined) lines.push(`Playground: ${emulator.playgroundUrl}`);
  lines.push("Press Ctrl+C to stop.", "");
  return lines.join("\n");
}

async function main(): Promise<void> {
  // Output piped into a program that exits early (`| head`) must not turn a clean shutdown into a crash.
  process.stdout.on("error", () => undefined);
  let options: CliOptions | undefined;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`tc-emulator: ${(error as Error).message}\n\n${usage}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === undefined) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const emulator = await Emulator.start(options.options);
  let loaded: LoadedWorld | undefined;
  if (options.world !== undefined) {
    try {
      loaded = await emulator.loadWorld(options.world);
    } catch (error) {
      await emulator.stop();
      process.stderr.write(`tc-emulator: ${(error as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
  }
  // Handlers first: a tool that reads the banner may signal at once.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received, stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.stdout.write(banner(emulator, loaded));
}

main().catch((error: unknown) => {
  process.stderr.write(`tc-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
