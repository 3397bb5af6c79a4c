import type { Document, Message, Photo, RemovedMessage } from "@tc/api";
import { MessageType } from "@tc/api";
import { describe, expectTypeOf, it } from "vitest";
import { and, Command, type CommandObject, F, not, or, Router } from "../../src/index.js";

const router = new Router();

describe("magic filter narrowing", () => {
  it("F.text makes text a string and F.photo a Photo", () => {
    router.message(F.text, (m) => {
      expectTypeOf(m.text).toEqualTypeOf<string>();
      return m.text.toUpperCase();
    });
    router.message(F.photo, (m) => {
      expectTypeOf(m.photo).toEqualTypeOf<Photo>();
      return m.photo.download();
    });
  });
  it("eq narrows to the literal, nested attributes narrow their parents", () => {
    router.message(F.text.eq("ping"), (m) => {
      expectTypeOf(m.text).toEqualTypeOf<"ping">();
    });
    router.message(F.document.mimeType.eq("application/pdf"), (m) => {
      expectTypeOf(m.document).toExtend<Document>();
      expectTypeOf(m.document.mimeType).toEqualTypeOf<"application/pdf">();
    });
  });
  it("refuses a path the event does not have", () => {
    // @ts-expect-error no such field anywhere
    router.message(F.nosuchfield, () => {});
    // @ts-expect-error removedBy is a field of RemovedMessage, not of Message
    router.message(F.removedBy, () => {});
    // @ts-expect-error and() keeps the paths of its parts
    router.message(and(F.text, F.removedBy), () => {});
    // @ts-expect-error Document has no field named size2
    router.message(F.document.size2, () => {});
    router.removedMessage(F.removedBy.id.eq("x"), (e) => {
      expectTypeOf(e).toExtend<RemovedMessage>();
      expectTypeOf(e.removedBy.id).toEqualTypeOf<"x">();
    });
  });
  it("ne and not narrow nothing", () => {
    router.message(F.text.ne("a"), (m) => {
      expectTypeOf(m.text).toEqualTypeOf<string | undefined>();
    });
    router.message(F.text.not(), (m) => {
      expectTypeOf(m.text).toEqualTypeOf<string | undefined>();
    });
  });
});

describe("custom filters", () => {
  it("a type guard narrows, several filters intersect", () => {
    const hasText = (m: Message): m is Message & { text: string } => m.text !== undefined;
    router.message(hasText, F.photo, (m) => {
      expectTypeOf(m.text).toEqualTypeOf<string>();
      expectTypeOf(m.photo).toEqualTypeOf<Photo>();
    });
  });
  it("a plain object result lands in ctx", () => {
    router.message(
      async () => ({ role: "admin" as const }),
      (_m, ctx) => {
        expectTypeOf(ctx.role).toEqualTypeOf<"admin">();
      },
    );
    router.message({ check: () => ({ level: 3 }) }, (_m, ctx) => {
      expectTypeOf(ctx.level).toEqualTypeOf<number>();
    });
  });
  it("MessageType values are filters", () => {
    router.message(MessageType.ATTACHMENT, (m) => {
      expectTypeOf(m.type).toEqualTypeOf<202>();
    });
  });
});

describe("Command", () => {
  it("adds ctx.command and makes text a string", () => {
    router.message(Command("start"), (m, ctx) => {
      expectTypeOf(ctx.command).toEqualTypeOf<CommandObject>();
      expectTypeOf(m.text).toEqualTypeOf<string>();
    });
    Command("echo", { magic: F.args.isNotNull() });
    // @ts-expect-error magic sees a CommandObject, which has no text
    Command("echo", { magic: F.text });
  });
});

describe("combinators", () => {
  it("or is a union, not proves nothing", () => {
    router.message(or(F.photo, F.document), (m) => {
      expectTypeOf(m).toExtend<Message>();
      expectTypeOf(m).toExtend<(Message & { photo: Photo }) | (Message & { document: Document })>();
    });
    router.message(not(F.photo), (m) => {
      expectTypeOf(m.photo).toEqualTypeOf<Photo | undefined>();
    });
    router.message(F.text.and(F.photo), (m) => {
      expectTypeOf(m.text).toEqualTypeOf<string>();
      expectTypeOf(m.photo).toEqualTypeOf<Photo>();
    });
  });
});
