import { describe, expectTypeOf, it } from "vitest";
import {
  Bold,
  type FormatNode,
  Link,
  type LinkNode,
  Mention,
  ParseMode,
  safeSplitText,
  Text,
  visibleLength,
} from "../src/index.js";

describe("public types", () => {
  it("ParseMode is an as-const object with a literal union type", () => {
    expectTypeOf<ParseMode>().toEqualTypeOf<"text" | "markdown" | "html">();
    expectTypeOf(ParseMode.HTML).toEqualTypeOf<"html">();
    expectTypeOf(visibleLength).parameter(1).toEqualTypeOf<{ parseMode?: ParseMode } | undefined>();
  });

  it("literals are accepted wherever the enum is", () => {
    expectTypeOf(safeSplitText("x", { parseMode: "markdown", limit: 10 })).toEqualTypeOf<string[]>();
    // @ts-expect-error not a parse mode
    safeSplitText("x", { parseMode: "bbcode" });
  });

  it("builders take children, and Link/Mention their options last", () => {
    expectTypeOf(Text("a", Bold("b"))).toEqualTypeOf<FormatNode>();
    expectTypeOf(Link("label", Bold("x"), { url: "https://x.io" })).toEqualTypeOf<LinkNode>();
    // @ts-expect-error the options object is required
    Link("label");
    // @ts-expect-error userId, not user_id
    Mention("Al", { user_id: "al@srv" });
    // @ts-expect-error children are strings or nodes
    Text(42);
  });
});
