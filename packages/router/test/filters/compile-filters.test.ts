import { type Message, MessageType } from "@tc/api";
import { describe, expect, it } from "vitest";
import { and, Command, compileFilters, F, type FilterObject, not, or } from "../../src/index.js";
import { fileMessage, textMessage } from "./messages.js";

const hello = textMessage("hello");
const pdf = fileMessage("application/pdf");

describe("compileFilters", () => {
  it("matches with no filters, and resolves to the merged ctx additions", async () => {
    expect(await compileFilters<Message>([])(hello, {})).toEqual({});
    const check = compileFilters<Message>([
      () => ({ a: 1 }),
      async () => ({ b: 2 }),
      { check: () => ({ a: 3 }) },
    ]);
    expect(await check(hello, {})).toEqual({ a: 3, b: 2 });
  });

  it("runs in order, stops at the first miss, and shows earlier additions to later filters", async () => {
    const seen: string[] = [];
    const check = compileFilters<Message>([
      () => {
        seen.push("first");
        return { user: "alice" };
      },
      (_e, ctx) => {
        seen.push(`second sees ${ctx.user} and ${ctx.base}`);
        return false;
      },
      () => {
        seen.push("third");
        return true;
      },
    ]);
    expect(await check(hello, { base: "ctx" })).toBe(false);
    expect(seen).toEqual(["first", "second sees alice and ctx"]);
  });

  it("a truthy non-plain object matches without being merged", async () => {
    expect(await compileFilters<Message>([() => new Date(0)])(hello, {})).toEqual({});
  });

  it("takes sync and async functions and objects with check()", async () => {
    class InGroup implements FilterObject {
      constructor(readonly group: string) {}
      async check(message: typeof hello) {
        return message.fromUser.id.startsWith(this.group);
      }
    }
    expect(await compileFilters<Message>([new InGroup("alice"), async () => true])(hello, {})).toEqual({});
    expect(await compileFilters<Message>([new InGroup("bob")])(hello, {})).toBe(false);
  });

  it("MessageType values match event.type", async () => {
    expect(await compileFilters<Message>([MessageType.PLAIN_MESSAGE])(hello, {})).toEqual({});
    expect(await compileFilters<Message>([MessageType.ATTACHMENT])(hello, {})).toBe(false);
    expect(await compileFilters<Message>([MessageType.ATTACHMENT])(pdf, {})).toEqual({});
  });

  it("an error of a custom filter propagates; an error inside F is no match", async () => {
    const boom = new Error("boom");
    await expect(
      compileFilters<Message>([
        () => {
          throw boom;
        },
      ])(hello, {}),
    ).rejects.toBe(boom);
    await expect(compileFilters<Message>([async () => Promise.reject(boom)])(hello, {})).rejects.toBe(boom);
    expect(await compileFilters<Message>([F.type.upper()])(hello, {})).toBe(false);
  });

  it("refuses what is no filter when compiled, naming its position", () => {
    expect(() => compileFilters<Message>([F.text, "text" as never])).toThrow(/filter 2: expected a function/);
    // `F.text === "x"` is a boolean, the classic mistake of Python habits.
    expect(() => compileFilters<Message>([false as never])).toThrow(/got a boolean/);
    expect(() => compileFilters<Message>([{} as never])).toThrow(/got object/);
    expect(() => compileFilters<Message>([1.5 as never])).toThrow(/MessageType value/);
  });
});

describe("and / or / not", () => {
  it("combine any filters", async () => {
    const isAlice = (m: typeof hello) => m.fromUser.id.startsWith("alice");
    expect(
      await compileFilters<Message>([and(F.text, isAlice, MessageType.PLAIN_MESSAGE)])(hello, {}),
    ).toEqual({});
    expect(await compileFilters<Message>([and(F.text, () => false)])(hello, {})).toBe(false);
    expect(await compileFilters<Message>([or(F.photo, F.document)])(pdf, {})).toEqual({});
    expect(await compileFilters<Message>([or(F.photo, F.document)])(hello, {})).toBe(false);
    expect(await compileFilters<Message>([not(F.photo)])(hello, {})).toEqual({});
    expect(await compileFilters<Message>([not(isAlice)])(hello, {})).toBe(false);
  });

  it("keep the ctx additions of the parts that matched", async () => {
    const admin = await compileFilters<Message>([and(Command("ban"), () => ({ admin: true }))])(
      textMessage("/ban bob"),
      {},
    );
    expect(admin).toMatchObject({ admin: true, command: { command: "ban", args: "bob" } });
    const either = await compileFilters<Message>([
      or(
        () => false,
        () => ({ via: "second" }),
      ),
    ])(hello, {});
    expect(either).toEqual({ via: "second" });
    expect(await compileFilters<Message>([not(() => ({ x: 1 }))])(hello, {})).toBe(false);
  });

  it("nest, and refuse empty lists", async () => {
    const filter = and(
      F.fromUser.id.in(["alice.smirnova@video.example.org"]),
      or(F.text.startsWith("!"), F.text.startsWith("/")),
      F.text.contains("ban"),
    );
    expect(await compileFilters<Message>([filter])(textMessage("!ban bob"), {})).toEqual({});
    expect(await compileFilters<Message>([filter])(textMessage("ban bob"), {})).toBe(false);
    expect(() => and()).toThrow(/at least one filter/);
    expect(() => or()).toThrow(/at least one filter/);
  });
});
