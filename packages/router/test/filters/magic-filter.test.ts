import type { Message } from "@tc/api";
import { describe, expect, it } from "vitest";
import { compileFilters, F } from "../../src/index.js";
import { fileMessage, textMessage } from "./messages.js";

/** Whether filter f matches event e (through the same path the router uses). */
async function matches(f: unknown, e: unknown): Promise<boolean> {
  return (await compileFilters<Message>([f as never])(e as never, {})) !== false;
}

const hello = textMessage("Hello, World");
const doc = fileMessage("application/pdf", "report.pdf");

describe("F attribute chains", () => {
  it("match a truthy value and read nested attributes", async () => {
    expect(await matches(F.text, hello)).toBe(true);
    expect(await matches(F.text, doc)).toBe(false);
    expect(await matches(F.document, doc)).toBe(true);
    expect(await matches(F.photo, doc)).toBe(false);
    expect(await matches(F.fromUser.id.eq("alice.smirnova@video.example.org"), hello)).toBe(true);
    expect(await matches(F.document.mimeType.eq("application/pdf"), doc)).toBe(true);
    expect(await matches(F.text.length.gt(5), hello)).toBe(true);
  });

  it("an attribute of a missing value rejects the chain: no match, but .not() still runs", async () => {
    expect(await matches(F.document.mimeType.eq("application/pdf"), hello)).toBe(false);
    expect(await matches(F.document.name.isNull(), hello)).toBe(false);
    expect(await matches(F.document.name.not(), hello)).toBe(true);
    expect(F.document.mimeType.resolve(hello)).toBeUndefined();
  });

  it("resolve() gives the value the router tests", () => {
    expect(F.text.resolve(hello)).toBe("Hello, World");
    expect(F.text.len().resolve(hello)).toBe(12);
    expect(F.attr("text").upper().resolve(hello)).toBe("HELLO, WORLD");
  });

  it("describes itself", () => {
    expect(String(F.fromUser.id.in(["a", "b"]).not())).toBe('F.fromUser.id.in(["a","b"]).not()');
  });

  it("is no thenable and is immutable", async () => {
    expect((F.text as unknown as { then?: unknown }).then).toBeUndefined();
    const chain = F.text;
    expect((await Promise.resolve(chain)) === chain).toBe(true);
    expect(String(F.text)).toBe("F.text");
    expect(() => {
      (F as unknown as Record<string, unknown>).text = 1;
    }).toThrow(TypeError);
  });
});

describe("F operations", () => {
  const cases: [string, unknown, boolean][] = [
    ["eq", F.text.eq("Hello, World"), true],
    ["eq other", F.text.eq("hello"), false],
    ["ne", F.text.ne("spam"), true],
    ["gt", F.text.len().gt(11), true],
    ["ge", F.text.len().ge(12), true],
    ["lt", F.text.len().lt(12), false],
    ["le", F.text.len().le(12), true],
    ["in array", F.text.in(["Hello, World", "x"]), true],
    ["in Set", F.fromUser.id.in(new Set(["bob@srv"])), false],
    ["notIn", F.text.notIn(["a", "b"]), true],
    ["contains", F.text.contains("World"), true],
    ["startsWith", F.text.startsWith("Hello"), true],
    ["endsWith", F.text.endsWith("world"), false],
    ["regexp", F.text.regexp(/World$/), true],
    ["regexp string", F.text.regexp("^Hi"), false],
    ["func", F.text.func((t) => t?.includes(",")), true],
    ["isNull", F.photo.isNull(), true],
    ["is(null)", F.photo.is(null), true],
    ["isNotNull", F.text.isNotNull(), true],
    ["isNot(null)", F.text.isNot(null), true],
    ["is(value)", F.type.is(200), true],
    ["isNot(value)", F.type.isNot(200), false],
    ["lower", F.text.lower().eq("hello, world"), true],
    ["upper", F.text.upper().in(["HELLO, WORLD"]), true],
    ["not", F.text.startsWith("spam").not(), true],
    ["and", F.text.startsWith("H").and(F.text.endsWith("d")), true],
    ["or", F.text.startsWith("x").or(F.text.endsWith("d")), true],
  ];
  it.each(cases)("%s", async (_name, filter, expected) => {
    expect(await matches(filter, hello)).toBe(expected);
  });

  it("len() counts code points, as Python does", () => {
    expect(F.text.len().resolve(textMessage("😀ab"))).toBe(3);
  });

  it("a global RegExp gives the same answer on every event (no lastIndex state)", async () => {
    const filter = F.text.regexp(/o/g);
    for (let i = 0; i < 3; i++) expect(await matches(filter, hello)).toBe(true);
  });

  it("puts the regexp match in ctx.match", async () => {
    const added = await compileFilters<Message>([F.text.regexp(/^Hello, (\w+)/)])(hello, {});
    expect(added).not.toBe(false);
    expect((added as { match: RegExpExecArray }).match[1]).toBe("World");
  });

  it("an error inside F is no match, even under .not()", async () => {
    expect(
      await matches(
        F.text.func(() => {
          throw new Error("boom");
        }),
        hello,
      ),
    ).toBe(false);
    expect(await matches(F.type.lower(), hello)).toBe(false);
    expect(await matches(F.type.lower().not(), hello)).toBe(false);
    // No coercion: a number does not compare with a string, and null is not >= 0.
    expect(await matches(F.type.gt("1" as never), hello)).toBe(false);
    expect(await matches(F.replyMessageId.ge(0 as never), hello)).toBe(false);
  });

  it("refuses bad arguments when the filter is built", () => {
    expect(() => F.text.in("abc" as never)).toThrow(/array or a Set/);
    expect(() => F.text.startsWith(1 as never)).toThrow(/string/);
    expect(() => F.text.func("x" as never)).toThrow(/function/);
    expect(() => F.text.regexp(1 as never)).toThrow(/RegExp/);
  });
});
