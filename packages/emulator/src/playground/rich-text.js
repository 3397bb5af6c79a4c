// Rich text of chat messages, rendered as TrueConf Server renders it (PROTOCOL.md 10.1) and nothing more.
//
// Bot output is hostile until proven otherwise, so it is never given to innerHTML: it is parsed here into a
// small tree of allowed nodes (text, b, i, s, u, links), and the DOM is built from that tree with createElement
// and text nodes. A tag outside the allow-list is dropped (its text stays, as text); every attribute except a
// link's href is dropped; an href whose scheme is not http, https, mailto or trueconf (mentions) is refused.

/** The tags the server keeps for parseMode "html"; it strips every other attribute than a link's href. */
const allowedTags = new Set(["b", "i", "s", "u", "a"]);
/** Schemes a link may use; trueconf: is a mention (trueconf:user@server). */
const allowedSchemes = new Set(["http:", "https:", "mailto:", "trueconf:"]);
/** What the Python SDK escapes with a backslash in markdown (PROTOCOL.md 10.2). */
const markdownSpecial = "_*[]()~`>#+-=|{}.!\\";

const namedEntities = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes the character references of HTML text (named basics and numeric ones); unknown ones stay as written. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const value = namedEntities[name.toLowerCase()];
    return value === undefined ? whole : value;
  });
}

/**
 * The href if a link may carry it, otherwise undefined. Browsers ignore tabs, newlines and leading control
 * characters in a URL ("java\tscript:" is javascript:), so they are removed before the scheme is read; a
 * relative URL is refused too (a bot's link must say where it goes).
 */
export function safeHref(href) {
  if (typeof href !== "string") return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme === undefined || !allowedSchemes.has(scheme)) return undefined;
  return cleaned;
}

const tagPattern =
  /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g;
const hrefPattern = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i;

/** Parses parseMode "html" text into the allowed node tree. */
export function parseHtml(text) {
  const root = { tag: "root", children: [] };
  const stack = [root];
  const top = () => stack[stack.length - 1];
  const addText = (value) => {
    if (value !== "") top().children.push({ text: decodeEntities(value) });
  };
  let last = 0;
  for (const match of text.matchAll(tagPattern)) {
    addText(text.slice(last, match.index));
    last = match.index + match[0].length;
    const name = match[2]?.toLowerCase();
    if (name === undefined || !allowedTags.has(name)) continue; // a comment or a tag the server does not keep
    if (match[1] === "/") {
      const open = stack.findLastIndex((node) => node.tag === name);
      if (open > 0) stack.length = open; // closes it and anything left open inside it
      continue;
    }
    const node = { tag: name, children: [] };
    if (name === "a") {
      const href = hrefPattern.exec(match[3] ?? "");
      node.href = decodeEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? "");
    }
    top().children.push(node);
    stack.push(node);
  }
  addText(text.slice(last));
  return root.children;
}

const isWordChar = (char) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** The markers of PROTOCOL.md 10.1, longest first so that `**` wins over `*`. */
const markers = [
  ["**", "b"],
  ["__", "b"],
  ["~~", "s"],
  ["*", "i"],
  ["_", "i"],
];

/** Where `marker` closes after `from`, or -1. Underscores inside words (snake_case) neither open nor close. */
function closingIndex(text, marker, from) {
  let at = text.indexOf(marker, from);
  while (at !== -1) {
    const escaped = text[at - 1] === "\\";
    const doubled = marker.length === 1 && text[at + 1] === marker; // `*` must not close on half of `**`
    const intraWord = marker[0] === "_" && isWordChar(text[at + marker.length]);
    if (at > from && !escaped && !doubled && !intraWord && text[at - 1] !== " ") return at;
    at = text.indexOf(marker, at + marker.length + (doubled ? 1 : 0));
  }
  return -1;
}

/** Parses parseMode "markdown" text (bold, italic, strikethrough, links; backslash escapes) into the node tree. */
export function parseMarkdown(text) {
  const nodes = [];
  let buffer = "";
  const flush = () => {
    if (buffer !== "") nodes.push({ text: buffer });
    buffer = "";
  };
  let i = 0;
  outer: while (i < text.length) {
    const char = text[i];
    if (char === "\\" && i + 1 < text.length && markdownSpecial.includes(text[i + 1])) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (char === "[") {
      const link = /^\[([^\]]*)\]\(([^)\s]*)\)/.exec(text.slice(i));
      if (link) {
        flush();
        nodes.push({ tag: "a", href: link[2], children: parseMarkdown(link[1]) });
        i += link[0].length;
        continue;
      }
    }
    for (const [marker, tag] of markers) {
      if (!text.startsWith(marker, i)) continue;
      const opensInsideWord = marker[0] === "_" && isWordChar(text[i - 1]);
      const inner = i + marker.length;
      if (opensInsideWord || text[inner] === " " || text[inner] === undefined) break;
      const close = closingIndex(text, marker, inner);
      if (close === -1) break;
      flush();
      nodes.push({ tag, children: parseMarkdown(text.slice(inner, close)) });
      i = close + marker.length;
      continue outer;
    }
    buffer += char;
    i += 1;
  }
  flush();
  return nodes;
}

/** The node tree of a message text in its parse mode ("text" is one text node, shown verbatim). */
export function parseRich(text, parseMode) {
  if (typeof text !== "string") return [];
  if (parseMode === "html") return parseHtml(text);
  if (parseMode === "markdown") return parseMarkdown(text);
  return [{ text }];
}

/** The plain text of a node tree (for reply quotes and previews). */
export function plainText(nodes) {
  return nodes.map((node) => ("text" in node ? node.text : plainText(node.children))).join("");
}

const elementOf = { b: "b", i: "i", s: "s", u: "u" };

function renderNode(node, doc) {
  if ("text" in node) return doc.createTextNode(node.text);
  let element;
  if (node.tag === "a") {
    const href = safeHref(node.href);
    if (href === undefined) {
      element = doc.createElement("span");
      element.className = "link-refused";
      element.title = "link removed: only http, https, mailto and trueconf links are shown";
    } else if (href.toLowerCase().startsWith("trueconf:")) {
      element = doc.createElement("span");
      element.className = "mention";
      element.title = href.slice("trueconf:".length);
    } else {
      element = doc.createElement("a");
      element.setAttribute("href", href);
      element.setAttribute("rel", "noopener noreferrer nofollow");
      element.setAttribute("target", "_blank");
    }
  } else {
    element = doc.createElement(elementOf[node.tag] ?? "span");
  }
  for (const child of node.children) element.append(renderNode(child, doc));
  return element;
}

/** Builds DOM nodes for a node tree: elements from the allow-list and text nodes, never parsed HTML. */
export function renderRich(nodes, doc = globalThis.document) {
  const fragment = doc.createDocumentFragment();
  for (const node of nodes) fragment.append(renderNode(node, doc));
  return fragment;
}
