import { describe } from "./arguments.js";
import { AllMentionNode, type FormatChild, FormatNode, LinkNode, MentionNode } from "./nodes.js";

/** Options of {@link Link}. */
export interface LinkOptions {
  /** The target: no whitespace, control characters, quotes or angle brackets (percent-encode them). */
  url: string;
}

/** Options of {@link Mention}. */
export interface MentionOptions {
  /** The TrueConf id of the user, e.g. `alice@video.example.com`. */
  userId: string;
}

// Characters that could end an attribute or a Markdown link, or make a target mean something else.
const UNSAFE_URL = /[\s\p{Cc}"'<>]/u;
const UNSAFE_USER_ID = /[\s\p{Cc}"'<>()[\]]/u;

/**
 * Plain text and nodes, concatenated. The root of most messages.
 *
 * @example
 * ```ts
 * const text = Text("Hello, ", Bold("world"), "!");
 * await api.sendMessage({ chatId, text: text.asHtml(), parseMode: ParseMode.HTML });
 * ```
 */
export function Text(...children: FormatChild[]): FormatNode {
  return new FormatNode("text", checkChildren("Text", children));
}

/** Bold text: `<b>…</b>`, `**…**`. */
export function Bold(...children: FormatChild[]): FormatNode {
  return new FormatNode("bold", checkChildren("Bold", children));
}

/** Italic text: `<i>…</i>`, `*…*`. */
export function Italic(...children: FormatChild[]): FormatNode {
  return new FormatNode("italic", checkChildren("Italic", children));
}

/** Underlined text: `<u>…</u>`; Markdown has no underline, so there the content is left plain. */
export function Underline(...children: FormatChild[]): FormatNode {
  return new FormatNode("underline", checkChildren("Underline", children));
}

/** Struck-through text: `<s>…</s>`, `~~…~~`. */
export function Strikethrough(...children: FormatChild[]): FormatNode {
  return new FormatNode("strikethrough", checkChildren("Strikethrough", children));
}

/**
 * A hyperlink: the label children, then the options. Without a label the url is shown.
 *
 * @example
 * ```ts
 * Link("the docs", { url: "https://example.com/docs?a=1&b=2" }).asHtml();
 * // '<a href="https://example.com/docs?a=1&amp;b=2">the docs</a>'
 * ```
 * @throws TypeError for a missing or non-string url, RangeError for an empty url or one with
 *   whitespace, control characters, quotes or angle brackets.
 */
export function Link(...args: [...label: FormatChild[], options: LinkOptions]): LinkNode {
  const { children, options } = splitOptions<LinkOptions>("Link", args);
  const url = checkTarget("Link", "url", options.url, UNSAFE_URL);
  return new LinkNode(checkLabel("Link", children, url), url);
}

/**
 * A mention of a user, who gets notified even in a muted chat: the label children, then the options.
 * Without a label the user id is shown.
 *
 * @example
 * ```ts
 * Mention("Alice", { userId: "alice@video.example.com" }).asHtml();
 * // '<a href="trueconf:alice@video.example.com">Alice</a>'
 * ```
 * @throws TypeError for a missing or non-string userId, RangeError for an empty one or one with
 *   whitespace, control characters, quotes, brackets or angle brackets.
 */
export function Mention(...args: [...label: FormatChild[], options: MentionOptions]): MentionNode {
  const { children, options } = splitOptions<MentionOptions>("Mention", args);
  const userId = checkTarget("Mention", "userId", options.userId, UNSAFE_USER_ID);
  return new MentionNode(checkLabel("Mention", children, userId), userId);
}

/**
 * The `@all` mention, which notifies everyone in the chat.
 *
 * @example
 * ```ts
 * Text(AllMention(), " standup in 5 minutes").asHtml(); // "@all standup in 5 minutes"
 * ```
 */
export function AllMention(): AllMentionNode {
  return new AllMentionNode();
}

function checkChildren(builder: string, children: readonly unknown[]): FormatChild[] {
  children.forEach((child, index) => {
    if (typeof child !== "string" && !(child instanceof FormatNode)) {
      throw new TypeError(
        `${builder}(): argument ${index + 1} must be a string or a formatting node, got ${describe(child)}`,
      );
    }
  });
  return [...(children as FormatChild[])];
}

function splitOptions<T>(
  builder: string,
  args: readonly unknown[],
): { children: unknown[]; options: Partial<T> } {
  const options = args.at(-1);
  if (
    typeof options !== "object" ||
    options === null ||
    options instanceof FormatNode ||
    Array.isArray(options)
  ) {
    throw new TypeError(
      `${builder}(): the last argument must be the options object, got ${describe(options)}`,
    );
  }
  return { children: args.slice(0, -1), options: options as Partial<T> };
}

function checkTarget(builder: string, name: string, value: unknown, unsafe: RegExp): string {
  if (typeof value !== "string")
    throw new TypeError(`${builder}(): ${name} must be a string, got ${describe(value)}`);
  if (value === "") throw new RangeError(`${builder}(): ${name} must not be empty`);
  if (unsafe.test(value)) {
    throw new RangeError(
      `${builder}(): ${name} must not contain whitespace, control characters, quotes or angle brackets`,
    );
  }
  return value;
}

/** Label children, or the target itself when there are none; links cannot nest. */
function checkLabel(builder: string, children: readonly unknown[], target: string): FormatChild[] {
  const label = checkChildren(builder, children);
  const pending: FormatChild[] = [...label];
  for (let child = pending.pop(); child !== undefined; child = pending.pop()) {
    if (child instanceof LinkNode || child instanceof MentionNode) {
      throw new TypeError(`${builder}(): a link or mention cannot contain another link or mention`);
    }
    if (typeof child !== "string") pending.push(...child.body);
  }
  return label.length > 0 ? label : [target];
}
