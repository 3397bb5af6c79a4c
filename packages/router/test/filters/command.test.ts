import type { Message } from "@tc/api";
import { describe, expect, it } from "vitest";
import { Command, type CommandObject, compileFilters, F } from "../../src/index.js";
import { botId, fileMessage, samplePush, textMessage } from "./messages.js";

/** The CommandObject `filter` finds in a message with `text`, or `false`. */
async function parse(filter: ReturnType<typeof Command>, text: string, ctx: object = {}) {
  const added = await compileFilters<Message>([filter])(textMessage(text) as never, ctx);
  return added === false ? false : (added.command as CommandObject);
}

describe("Command", () => {
  it("parses prefix, command and args", async () => {
    expect(await parse(Command("start"), "/start")).toEqual({
      prefix: "/",
      command: "start",
      args: undefined,
      mention: undefined,
      regexpMatch: undefined,
      magicResult: undefined,
    });
    expect(await parse(Command("echo"), "/echo   hello  world ")).toMatchObject({ args: "hello  world " });
    expect(await parse(Command("echo"), "/echo\nline two")).toMatchObject({ args: "line two" });
    expect(await parse(Command("info", "about", "whoami"), "/about")).toMatchObject({ command: "about" });
    expect(await parse(Command("start"), "/stop")).toBe(false);
    expect(await parse(Command("start"), "start")).toBe(false);
    expect(await parse(Command("start"), " /start")).toBe(false);
  });

  it("only reads plain text messages", async () => {
    expect(await compileFilters<Message>([Command("start")])(fileMessage("text/plain") as never, {})).toBe(
      false,
    );
    const edited = samplePush("editMessage", (payload) => {
      payload.content = { text: "/start", parseMode: "text" };
    });
    expect(await compileFilters<Message>([Command("start")])(edited as never, {})).not.toBe(false);
  });

  it("compares case-insensitively with ignoreCase", async () => {
    expect(await parse(Command("start"), "/START")).toBe(false);
    expect(await parse(Command("start", { ignoreCase: true }), "/START")).toMatchObject({ command: "START" });
    expect(await parse(Command("START", { ignoreCase: true }), "/start")).not.toBe(false);
  });

  it("applies magic to the CommandObject and keeps its truthy value", async () => {
    const echo = Command("echo", { magic: F.args.isNot(null) });
    expect(await parse(echo, "/echo")).toBe(false);
    expect(await parse(echo, "/echo hi")).toMatchObject({ args: "hi", magicResult: true });
    expect(await parse(Command("upper", { magic: F.args.len().gt(3) }), "/upper abc")).toBe(false);
    expect(await parse(Command("x", { magic: F.args }), "/x some words")).toMatchObject({
      magicResult: "some words",
    });
    const found = await parse(Command("x", { magic: F.args.regexp(/(\d+)/) }), "/x id 42");
    expect(found && (found.magicResult as RegExpExecArray)[1]).toBe("42");
    const custom = Command("x", {
      magic: async (c: CommandObject) => c.args === "yes" && { approved: true },
    });
    expect(await parse(custom, "/x yes")).toMatchObject({ magicResult: { approved: true } });
  });

  it("accepts a mention of this bot by id or name, any case, any instance", async () => {
    const start = Command("start");
    for (const text of [
      "/start@support_bot",
      "/start@Support_Bot",
      `/start@${botId}`,
      `/start@${botId}/other-instance`,
    ]) {
      expect(await parse(start, text), text).toMatchObject({ command: "start", mention: text.slice(7) });
    }
    // The id in ctx (the router's context) wins over the one the event is bound to.
    expect(await parse(start, "/start@helper", { bot: { meId: "helper@srv" } })).not.toBe(false);
  });

  it("accepts any mention with ignoreMention", async () => {
    expect(await parse(Command("start", { ignoreMention: true }), "/start@other_bot")).toMatchObject({
      mention: "other_bot",
    });
  });

  it("refuses bad definitions at once", () => {
    expect(() => Command()).toThrow(/at least one command/);
    expect(() => Command("two words")).toThrow(/no command name/);
    expect(() => Command("/")).toThrow(/no command name/);
    expect(() => Command("start", { prefix: "" })).toThrow(/prefix/);
    expect(() => Command("start", { ignorecase: true } as never)).toThrow(/did you mean "ignoreCase"/);
    expect(() => Command("start", { ignoreCase: "yes" } as never)).toThrow(/ignoreCase/);
    expect(() => Command(42 as never)).toThrow(/strings\) or RegExps/);
  });
});

// Each test below fails on the reference Command algorithm (PROTOCOL.md 11.3).
describe("Command fixes the reference behaviour", () => {
  it("Command('/start') matches /start (the reference never strips the prefix from patterns)", async () => {
    expect(await parse(Command("/start"), "/start")).toMatchObject({ prefix: "/", command: "start" });
    expect(await parse(Command("!ban", { prefix: "!/" }), "/ban x")).toMatchObject({
      command: "ban",
      args: "x",
    });
  });

  it("prefix '!/' means either character (the reference wants the whole string)", async () => {
    const cmd = Command("cmd", { prefix: "!/" });
    expect(await parse(cmd, "!cmd")).toMatchObject({ prefix: "!", command: "cmd" });
    expect(await parse(cmd, "/cmd")).toMatchObject({ prefix: "/", command: "cmd" });
    expect(await parse(cmd, "!/cmd")).toBe(false);
  });

  it("a bare prefix is no command (the reference yields command '')", async () => {
    expect(await parse(Command(/.*/), "/")).toBe(false);
    expect(await parse(Command(/.*/), "/ args")).toBe(false);
    expect(await parse(Command(/.*/, { ignoreMention: true }), "/@bot")).toBe(false);
  });

  it("fills regexpMatch (the reference never does)", async () => {
    const found = await parse(Command(/echo_(\d+)/), "/echo_42 hi");
    expect(found === false ? undefined : found.regexpMatch?.[1]).toBe("42");
  });

  it("a RegExp must match the whole name (the reference anchors only at the start)", async () => {
    expect(await parse(Command(/echo_\d+/), "/echo_1abc")).toBe(false);
    expect(await parse(Command(/echo_\d+/), "/echo_1")).not.toBe(false);
  });

  it("ignoreCase applies to RegExps too (the reference does not case-fold them)", async () => {
    expect(await parse(Command(/echo_\d+/, { ignoreCase: true }), "/ECHO_7")).not.toBe(false);
    expect(await parse(Command(/echo_\d+/), "/ECHO_7")).toBe(false);
  });

  it("a command for another bot is refused (the reference drops the mention unchecked)", async () => {
    expect(await parse(Command("start"), "/start@other_bot")).toBe(false);
    expect(await parse(Command("start"), "/start@support_bot@other.server")).toBe(false);
  });
});
