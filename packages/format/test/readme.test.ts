// Runs the README's examples against the package source, so that the README stays true: the printed
// output of the builder example must be exactly what its comments say, the sending example must send
// every chunk through the `sendMessage` it is given, and the self-contained splitting example must run
// and print chunks that fit. Every code block of the README is one of these three.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as format from "../src/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)].map((match) => match[1] as string);

/** Runs an example with its `@tc/format` import bound to the source; returns what it printed. */
function run(example: string): string[] {
  const printed: string[] = [];
  const console = { log: (...args: unknown[]) => printed.push(args.map(String).join(" ")) };
  evaluate(example, ["console"], [console]);
  return printed;
}

/** Evaluates an example with its `@tc/format` import bound to the source, `extra` names in scope too. */
function evaluate(example: string, extraNames: string[], extraValues: unknown[], epilogue = ""): unknown {
  const importLine = /^import \{([^}]*)\} from "@tc\/format";\n/m.exec(example);
  if (!importLine) throw new Error("the example does not import @tc/format");
  const names = (importLine[1] as string).split(",").map((name) => name.trim());
  const values = names.map((name) => (format as Record<string, unknown>)[name]);
  expect(
    values.every((value) => value !== undefined),
    `exports of ${names.join(", ")}`,
  ).toBe(true);
  const body = `${example.replace(importLine[0], "")}\n${epilogue}`;
  return new Function(...names, ...extraNames, body)(...values, ...extraValues);
}

/** For each `console.log(…)` followed by comment lines: the comment lines, i.e. the promised output. */
function promisedOutputs(example: string): (string | undefined)[] {
  const lines = example.split("\n");
  const promised: (string | undefined)[] = [];
  lines.forEach((line, index) => {
    if (!line.startsWith("console.log(")) return;
    const comments: string[] = [];
    for (let next = index + 1; lines[next]?.startsWith("// ") && !lines[next]?.includes("await"); next++) {
      comments.push((lines[next] as string).slice(3));
    }
    promised.push(comments.length > 0 ? comments.join("\n") : undefined);
  });
  return promised;
}

describe("README examples", () => {
  it("has no code example that no test runs", () => {
    expect(blocks).toHaveLength(3);
  });

  it("the builder example prints exactly what its comments promise", () => {
    const example = blocks.find((block) => block.includes("const message = Text("));
    expect(example).toBeDefined();
    const printed = run(example as string);
    const promised = promisedOutputs(example as string);
    expect(printed).toHaveLength(promised.length);
    expect(promised.filter((output) => output !== undefined)).toHaveLength(2);
    promised.forEach((output, index) => {
      if (output !== undefined) expect(printed[index]).toBe(output);
    });
    // The plain rendering holds the user's text as written.
    expect(printed[2]).toContain("<script> & *stars*");
  });

  it("the sending example sends every chunk of a long reply with the parse mode it was split for", async () => {
    const example = blocks.find((block) => block.includes("async function sendLongReply("));
    expect(example).toBeDefined();
    const sendLongReply = evaluate(example as string, [], [], "return sendLongReply;") as (
      api: unknown,
      chatId: string,
      reply: string,
    ) => Promise<void>;
    // The `Api` of @tc/api as far as the example uses it: `sendMessage({ chatId, text, parseMode })`.
    const sent: { chatId: string; text: string; parseMode: string }[] = [];
    const api = {
      sendMessage: async (options: { chatId: string; text: string; parseMode: string }) => {
        expect(Object.keys(options).sort()).toEqual(["chatId", "parseMode", "text"]);
        sent.push(options);
        return { chatId: options.chatId, messageId: String(sent.length), timestamp: 0 };
      },
    };
    const paragraph = format.Text(format.Bold("Step:"), " check the logs. ".repeat(60)).asMarkdown();
    const reply = Array.from({ length: 30 }, () => paragraph).join("\n\n");
    await sendLongReply(api, "chat-1", reply);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.map((message) => message.text)).toEqual(
      format.safeSplitText(reply, { parseMode: "markdown" }),
    );
    for (const message of sent) {
      expect(message).toMatchObject({ chatId: "chat-1", parseMode: "markdown" });
      expect(format.visibleLength(message.text, { parseMode: "markdown" })).toBeLessThanOrEqual(4096);
    }
  });

  it("the self-contained splitting example runs and prints chunks that fit", () => {
    const example = blocks.find((block) => block.includes("safeSplitText(reply") && !block.includes("await"));
    expect(example).toBeDefined();
    const printed = run(example as string);
    expect(printed.length).toBeGreaterThan(2);
    const widths = printed.map((line) => Number(line.split(" ")[0]));
    for (const width of widths) expect(width).toBeLessThanOrEqual(format.MESSAGE_TEXT_LIMIT);
    // Breaks at paragraphs keep every chunk but the last at least half full.
    for (const width of widths.slice(0, -1))
      expect(width).toBeGreaterThanOrEqual(format.MESSAGE_TEXT_LIMIT / 2);
  });
});
