// Runs every row of the table in docs/filters.md: the TypeScript form of each example of the Python SDK's docs is
// evaluated as written there and checked against messages it must and must not match.
import { readFileSync } from "node:fs";
import { type Message, MessageType } from "@tc/api";
import { describe, expect, it } from "vitest";
import { and, Command, compileFilters, F, not, or } from "../../src/index.js";
import { fileMessage, samplePush, textMessage } from "./messages.js";

const alice = "alice@video.example.org";
const bob = "bob@video.example.org";
const groups: Record<string, string[]> = { [alice]: ["0032", "0003"] };

/** The custom filter class of the docs' example. */
class InGroupFilter {
  constructor(readonly group: string) {}
  async check(message: Message): Promise<boolean> {
    return groups[message.fromUser.id]?.includes(this.group) ?? false;
  }
}

const t = (text: string, from = alice) => textMessage(text, from);
const inChat = (chatId: string) =>
  samplePush("sendMessage", (payload) => {
    payload.chatId = chatId;
  }) as Message;

/** For each TypeScript form of the table: messages it matches, and messages it does not. */
const cases: Record<string, [match: Message[], miss: Message[]]> = {
  "F.text": [[t("hi")], [fileMessage("application/pdf")]],
  "F.photo": [[fileMessage("image/png")], [t("hi"), fileMessage("application/pdf")]],
  'F.text.eq("hello")': [[t("hello")], [t("hello!")]],
  'F.fromUser.id.eq("alice@video.example.org")': [[t("x")], [t("x", bob)]],
  'F.fromUser.id.eq("elisa@video.example.org")': [[t("x", "elisa@video.example.org")], [t("x")]],
  'F.text.ne("spam")': [[t("ham")], [t("spam")]],
  'F.fromUser.id.in(["alice@video.example.org", "bob@video.example.org"])': [
    [t("x", bob)],
    [t("x", "carol@video.example.org")],
  ],
  'F.text.in(["foo", "bar", "baz"])': [[t("bar")], [t("qux")]],
  'F.text.contains("foo")': [[t("a food")], [t("bar")]],
  'F.text.startsWith("foo")': [[t("foobar")], [t("barfoo")]],
  'F.text.endsWith("bar")': [[t("foobar")], [t("barfoo")]],
  "F.text.regexp(/^Hello, .+/)": [[t("Hello, Ann")], [t("Say Hello, Ann"), t("Hello, ")]],
  'F.chatId.func((id) => id === "chat-42")': [[inChat("chat-42")], [t("x")]],
  "F.text.not()": [[fileMessage("application/pdf")], [t("x")]],
  'F.text.startsWith("spam").not()': [[t("ham")], [t("spam!")]],
  'F.fromUser.id.eq("alice@video.example.org").and(F.text.eq("admin"))': [
    [t("admin")],
    [t("admin", bob), t("x")],
  ],
  'F.text.startsWith("a").or(F.text.endsWith("b"))': [[t("abc"), t("xb")], [t("xyz")]],
  'and(F.fromUser.id.in(["alice@video.example.org"]), or(F.text.startsWith("!"), F.text.startsWith("/")), F.text.contains("ban"))':
    [
      [t("!ban bob"), t("/ban")],
      [t("ban"), t("!ban", bob), t("!kick")],
    ],
  'F.text.lower().eq("test")': [[t("TeSt")], [t("tests")]],
  'F.text.upper().in(["FOO", "BAR"])': [[t("foo")], [t("baz")]],
  "F.text.len().eq(5)": [[t("12345"), t("😀2345")], [t("1234")]],
  'Command("ping")': [[t("/ping")], [t("/pong")]],
  'Command("info", "about", "whoami")': [[t("/whoami")], [t("/who")]],
  "Command(/echo_\\d+/)": [[t("/echo_12 hi")], [t("/echo_"), t("/echo_1x")]],
  'Command("cmd", { prefix: "!/" })': [[t("!cmd"), t("/cmd")], [t(".cmd")]],
  'Command("start", { ignoreCase: true })': [[t("/Start")], [t("/stop")]],
  'Command("echo", { magic: F.args.isNot(null) })': [[t("/echo hi")], [t("/echo")]],
  'Command("upper", { magic: F.args.len().gt(3) })': [[t("/upper abcd")], [t("/upper abc")]],
  'Command("repeat", { magic: F.args.func((x) => typeof x === "string" && x.split(/\\s+/).length === 1) })': [
    [t("/repeat word")],
    [t("/repeat two words"), t("/repeat")],
  ],
  "Command(/echo_\\d+/, { magic: F.args })": [[t("/echo_1 x")], [t("/echo_1")]],
  'Command("admin"), new InGroupFilter("0032")': [[t("/admin")], [t("/admin", bob)]],
  'F.text.contains("help"), new InGroupFilter("0003")': [[t("help me")], [t("help me", bob)]],
};

/** The TypeScript cells of the table in docs/filters.md. */
function tableRows(): string[] {
  const doc = readFileSync(new URL("../../docs/filters.md", import.meta.url), "utf8");
  const table = doc.split("## The examples of the Python SDK's documentation")[1] ?? "";
  return table
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
      return (cells[2] ?? "").replace(/^`|`$/g, "");
    });
}

/** Evaluates a cell as written, with the package's names in scope. */
function evaluate(code: string): unknown[] {
  const scope = { F, Command, and, or, not, MessageType, InGroupFilter };
  return new Function(...Object.keys(scope), `return [${code}];`)(...Object.values(scope)) as unknown[];
}

describe("docs/filters.md: the examples of the Python SDK's docs", () => {
  const rows = tableRows();

  it("lists exactly the cases tested here", () => {
    expect(rows.length).toBeGreaterThan(25);
    expect([...rows].sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(rows)("%s", async (code) => {
    const check = compileFilters<Message>(evaluate(code) as never);
    const [match, miss] = cases[code] ?? [[], []];
    for (const message of match)
      expect(await check(message, {}), `${code} on ${message.text}`).not.toBe(false);
    for (const message of miss) expect(await check(message, {}), `${code} on ${message.text}`).toBe(false);
  });
});
