import { describe, expect, it } from "vitest";
import { plainStyles, renderForTerminal, terminalStyles } from "../src/render-for-terminal.js";

describe("renderForTerminal", () => {
  it.each([
    ["<b>Hi</b> <i>there</i> &amp; <u>you</u>", "html", "Hi there & you"],
    [
      '<a href="https://trueconf.com">site</a> <a href="trueconf:alice@srv">Alice</a>',
      "html",
      "site (https://trueconf.com) @Alice",
    ],
    ["line<br>next <s>old</s>", "html", "line\nnext old"],
    [
      "**bold** *it* ~~gone~~ [Bob](trueconf:bob@srv) [docs](https://x.y)",
      "markdown",
      "bold it gone @Bob docs (https://x.y)",
    ],
    ["2 \\* 3 = 6", "markdown", "2 * 3 = 6"],
    ["<b>not markup in plain text</b>", "text", "<b>not markup in plain text</b>"],
  ])("%s (%s)", (text, mode, expected) => {
    expect(renderForTerminal(text, mode, plainStyles)).toBe(expected);
  });

  it("styles bold and nested italic with ANSI codes on a terminal", () => {
    expect(renderForTerminal("<b>a <i>b</i></b>", "html", terminalStyles)).toBe(
      "\u001b[1ma \u001b[3mb\u001b[23m\u001b[22m",
    );
  });
});
