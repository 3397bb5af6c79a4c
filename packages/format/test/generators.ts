// fast-check generators for the property tests: messages that mix HTML, Markdown, emoji, CJK,
// combining marks and long words, either built from formatting nodes (well-formed by construction)
// or thrown together from fragments (anything goes).
import fc from "fast-check";
import {
  AllMention,
  Bold,
  type FormatChild,
  type FormatNode,
  Italic,
  Link,
  Mention,
  Strikethrough,
  Text,
  Underline,
} from "../src/index.js";

const asciiWord = fc.stringMatching(/^[a-z]{1,9}$/);
const longWord = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{20,60}$/),
    fc.constantFrom("", "-", "/", "."),
    fc.stringMatching(/^[a-z]{5,70}$/),
  )
  .map(([a, seam, b]) => a + seam + b);
const cjk = fc
  .array(fc.constantFrom("中", "文", "字", "日", "本", "語", "한", "국", "。", "！", "？", "、"), {
    minLength: 1,
    maxLength: 30,
  })
  .map((chars) => chars.join(""));
const emoji = fc.constantFrom("😀", "👍🏽", "👨‍👩‍👧", "🇩🇪", "❤️", "🧑‍💻", "✨", "🏳️‍🌈");
const combining = fc
  .tuple(
    fc.constantFrom("e", "a", "o", "и", "ю"),
    fc.array(fc.constantFrom("\u0301", "\u0308", "\u0323", "\u0303"), { minLength: 1, maxLength: 4 }),
  )
  .map(([base, marks]) => base + marks.join(""));
/** A long run of clusters without spaces, so that it has to be cut between clusters. */
const clusterRun = fc
  .array(fc.oneof(emoji, combining, fc.constantFrom("中", "x")), { minLength: 20, maxLength: 80 })
  .map((clusters) => clusters.join(""));
const punctuated = fc
  .tuple(asciiWord, fc.constantFrom(".", "!", "?", ",", ":", ";", '."', ")"))
  .map(([w, p]) => w + p);
const special = fc.constantFrom(
  "<",
  ">",
  "&",
  "*",
  "_",
  "~",
  "[",
  "]",
  "(",
  ")",
  "#",
  "`",
  "a*b",
  "x_y",
  "\\",
);

/** A visible word of one of the kinds the splitter must respect. */
export const word = fc.oneof(
  { weight: 6, arbitrary: asciiWord },
  { weight: 1, arbitrary: longWord },
  { weight: 1, arbitrary: clusterRun },
  { weight: 2, arbitrary: cjk },
  { weight: 2, arbitrary: emoji },
  { weight: 2, arbitrary: combining },
  { weight: 2, arbitrary: punctuated },
  { weight: 1, arbitrary: special },
);

const separator = fc.oneof(
  { weight: 8, arbitrary: fc.constant(" ") },
  { weight: 2, arbitrary: fc.constant("\n") },
  { weight: 1, arbitrary: fc.constant("\n\n") },
  { weight: 1, arbitrary: fc.constantFrom("  ", "\t", "\r\n", " \n ") },
);

const inlineSeparator = fc.constantFrom(" ", " ", " ", "\n", "  ");

/** Words joined by whitespace, starting and ending with a word. */
function joined(words: fc.Arbitrary<string>, separators: fc.Arbitrary<string>, maxLength: number) {
  return fc
    .array(fc.tuple(separators, words), { minLength: 1, maxLength })
    .map((parts) => parts.map(([sep, w], i) => (i === 0 ? w : sep + w)).join(""));
}

/** Prose with paragraphs. */
export const prose = joined(word, separator, 8);
/** Prose within one paragraph, as emphasis needs in Markdown. */
const inlineProse = joined(word, inlineSeparator, 8);
/** Link labels: no `]`, which ends a Markdown label even when escaped (PROTOCOL.md 10.4). */
const labelProse = joined(fc.oneof(asciiWord, emoji, cjk, combining), inlineSeparator, 6);

const url = fc
  .tuple(
    fc.constantFrom("https://", "http://"),
    asciiWord,
    fc.constantFrom(".io", ".org/x", ".com/a_b", ".net/?q=1&r=2"),
  )
  .map(([scheme, host, path]) => scheme + host + path);
const userId = fc.tuple(asciiWord, asciiWord).map(([user, host]) => `${user}@${host}.example.com`);

type Style = "bold" | "italic" | "underline" | "strike";

/**
 * A formatting tree. Styles never nest inside themselves (in Markdown `**a **b** c**` is ambiguous
 * whatever a splitter does) and links never nest, as the builders enforce.
 */
function tree(depth: number, used: readonly Style[], inLink: boolean): fc.Arbitrary<FormatChild> {
  const leaf = (inLink ? labelProse : used.length > 0 ? inlineProse : prose) as fc.Arbitrary<FormatChild>;
  if (depth === 0) return leaf;
  // Siblings are separated by a space: `*a***b**` (italic then bold, touching) is ambiguous Markdown
  // that no splitter can be judged on.
  const children = (style: Style | undefined, link: boolean) =>
    fc
      .array(tree(depth - 1, style ? [...used, style] : used, link), { minLength: 1, maxLength: 4 })
      .map((list) => list.flatMap((child, index) => (index === 0 ? [child] : [" ", child])));
  const options: fc.Arbitrary<FormatChild>[] = [leaf, leaf];
  if (!used.includes("bold")) options.push(children("bold", inLink).map((c) => Bold(...c)));
  if (!used.includes("italic")) options.push(children("italic", inLink).map((c) => Italic(...c)));
  if (!used.includes("underline")) options.push(children("underline", inLink).map((c) => Underline(...c)));
  if (!used.includes("strike")) options.push(children("strike", inLink).map((c) => Strikethrough(...c)));
  if (!inLink) {
    options.push(fc.tuple(children(undefined, true), url).map(([c, u]) => Link(...c, { url: u })));
    options.push(fc.tuple(asciiWord, userId).map(([name, id]) => Mention(name, { userId: id })));
    options.push(fc.constant(AllMention()));
  }
  return fc.oneof(...options);
}

/** A message built from formatting nodes; a few hundred characters once rendered, rarely two thousand. */
export const document: fc.Arbitrary<FormatNode> = fc
  .array(fc.tuple(tree(3, [], false), separator), { minLength: 1, maxLength: 5 })
  .map((parts) => Text(...parts.flat()));

const fragment = fc.oneof(
  { weight: 6, arbitrary: prose },
  { weight: 4, arbitrary: separator },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      "<b>",
      "</b>",
      "<i>",
      "</i>",
      "<U>",
      "</u>",
      "<s class='x'>",
      "</s>",
      '<a href="https://x.io">',
      "<a href='trueconf:bob@srv'>",
      '<a href="">',
      "<a name=top>",
      "</a>",
      "<br>",
      '<span style="color: red">',
      "</span>",
      "<b/>",
      "&amp;",
      "&lt;",
      "&#128512;",
      "&#x1F600;",
      "&bogus",
      "& ",
      "< b",
      "<<",
      "**",
      "__",
      "~~",
      "*",
      "_",
      "~",
      "***",
      "[label](https://x.io)",
      "[two words](u_v)",
      "[broken",
      "](x)",
      "\\*",
      "\\[",
      "\\",
      "\u00a0",
      "\u3000",
      "\u200d",
      "\u0301",
    ),
  },
);

/** Anything: fragments of markup of both kinds, prose and whitespace in any order and nesting. */
export const mess = fc.array(fragment, { minLength: 1, maxLength: 30 }).map((parts) => parts.join(""));

/** A limit small enough that most generated messages are split, sometimes absurdly small. */
export const smallLimit = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 40, max: 160 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 39 }) },
);

/** A limit that leaves room for a link's url, so that no link has to be flattened. */
export const roomyLimit = fc.integer({ min: 48, max: 200 });

/**
 * Markers that stay literal whatever surrounds them: `_` and `~` inside a word, and any marker between
 * spaces. Their kind of context is one no marker added by the splitter (at a chunk's edge) ever has.
 */
const literalMarker = fc.constantFrom("x_y", "snake_case_name", "a~b", "2 * 3", "a _ b", "a ~ b");
/** A `*` inside a word could open and close; one alone in a paragraph pairs with nothing. */
const intraWordStar = fc.constantFrom("a*b", "2*3", "x*y");
/** Emphasis around a stretch of words; the nested one uses another character than the outer one. */
const runMarkers = fc.constantFrom<[string, string | undefined]>(
  ["**", undefined],
  ["~~", undefined],
  ["__", undefined],
  ["**", "~~"],
  ["~~", "**"],
  ["__", "~~"],
  ["~~", "__"],
  ["**", "_"],
  ["~~", "_"],
);

/** Words with literal markers among them, joined by spaces and single line breaks. */
const wordsWithLoneMarkers = (maxLength: number) =>
  joined(
    fc.oneof({ weight: 5, arbitrary: asciiWord }, { weight: 2, arbitrary: literalMarker }),
    fc.constantFrom(" ", " ", " ", "\n"),
    maxLength,
  );

/** One paragraph: words, then emphasis (perhaps nested) holding words and lone markers, then words. */
const loneMarkerParagraph = fc
  .tuple(
    runMarkers,
    fc.tuple(
      wordsWithLoneMarkers(6),
      wordsWithLoneMarkers(6),
      wordsWithLoneMarkers(6),
      wordsWithLoneMarkers(6),
      wordsWithLoneMarkers(6),
    ),
    intraWordStar,
    fc.integer({ min: -1, max: 2 }),
  )
  .map(([[outer, inner], [before, first, middle, last, after], star, starAt]) => {
    // The one intra-word `*` of the paragraph sits in the outer run, the inner one, or nowhere.
    const withStar = (words: string, at: number) => (starAt === at ? `${words} ${star}` : words);
    const core = inner === undefined ? withStar(middle, 1) : `${inner}${withStar(middle, 1)}${inner}`;
    return `${before} ${outer}${withStar(first, 0)} ${core} ${withStar(last, 2)}${outer} ${after}`;
  });

/**
 * Markdown as people and LLMs write it: bold, strikethrough and underscore emphasis with literal
 * markers inside (`x_y`, `2 * 3`, one `a*b` per paragraph), a few paragraphs long.
 */
export const loneMarkerMarkdown = fc
  .array(loneMarkerParagraph, { minLength: 1, maxLength: 3 })
  .map((paragraphs) => paragraphs.join("\n\n"));

/** A limit that splits most {@link loneMarkerMarkdown} texts inside their emphasis. */
export const runLimit = fc.integer({ min: 12, max: 120 });
