// Runs the README: its bot, its vitest tests (collected right here, against the package's source), its node:test
// file (spawned with the command the README gives, against the built package), and checks that the failure it
// shows is the one the kit really prints and that the CI steps are the commands run here.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type BotFactory, createTestWorld, UnexpectedReplyError } from "../src/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, body]) => ({
  lang: lang as string,
  body: body as string,
}));
const scratch = new URL("../test-results/readme/", import.meta.url);

/** The README block that starts with `// <name>`. */
function fileBlock(name: string): string {
  const block = blocks.find((b) => b.lang === "ts" && b.body.startsWith(`// ${name}\n`));
  if (block === undefined) throw new Error(`the README has no ${name} block`);
  return block.body;
}

function blockOf(lang: string): string {
  const block = blocks.find((b) => b.lang === lang && (lang !== "sh" || !b.body.includes("pnpm add")));
  if (block === undefined) throw new Error(`the README has no ${lang} block`);
  return block.body;
}

mkdirSync(scratch, { recursive: true });
writeFileSync(new URL("bot.ts", scratch), fileBlock("bot.ts"));
writeFileSync(new URL("bot.node-test.ts", scratch), fileBlock("bot.node-test.ts"));
writeFileSync(
  new URL("bot.test.ts", scratch),
  fileBlock("bot.test.ts").replace(
    'from "@tc/testing"',
    `from "${["..", "..", "src", "index.js"].join("/")}"`,
  ),
);

describe("README: bot.test.ts", async () => {
  await import(new URL("bot.test.ts", scratch).href);
});

describe("README", () => {
  it("has the blocks this test runs", () => {
    expect(blocks.map((b) => b.lang)).toEqual(["sh", "ts", "ts", "text", "ts", "sh", "yaml"]);
  });

  it("shows the failure the kit really prints", async () => {
    const { createBot } = (await import(new URL("bot.ts", scratch).href)) as { createBot: BotFactory };
    await using world = await createTestWorld({ bot: createBot });
    const alice = world.user("alice");
    await alice.send("ping");
    const error = (await alice.expectReply("pong").catch((e: unknown) => e)) as UnexpectedReplyError;
    expect(error).toBeInstanceOf(UnexpectedReplyError);
    expect(`${error.name}: ${error.message}\n`).toBe(blockOf("text"));
  });

  it("runs the node:test file with the README's command, and the CI runs the same commands", async () => {
    const commands = blockOf("sh").trim().split("\n");
    expect(commands).toEqual(["npx vitest run", "node --import tsx --test bot.node-test.ts"]);
    const steps = [...blockOf("yaml").matchAll(/- run: (.+)/g)].map((m) => m[1]);
    expect(steps).toEqual(["npm ci", ...commands]);
    const [, ...args] = (commands[1] as string).split(" ");
    const { stdout } = await promisify(execFile)(process.execPath, ["--test-reporter=tap", ...args], {
      cwd: fileURLToPath(scratch),
    });
    expect(stdout).toMatch(/^# pass 1$/m);
    expect(stdout).toMatch(/^# fail 0$/m);
  });
});
