import { countCodePoints, isWhitespace } from "./characters.js";
import { htmlTagKey } from "./markup-keys.js";
import { NextMatch } from "./next-match.js";
import { TokenKind, TokenList } from "./token-list.js";
import { pushTextRun, pushWhitespace, textStops } from "./tokenize-plain.js";

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const AMPERSAND = 0x26;
const SLASH = 0x2f;
const ENTITY = /&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i;
const ANCHOR_END = "</a>";
const HTML_STOPS = textStops("<&");

/**
 * Tokens of an `html` mode message. Formatting tags (`b`, `i`, `u`, `s`, `a`) are zero-width markup;
 * any other tag is visible text that is never cut, entities likewise. An anchor with a non-empty `href`
 * that is closed later is a link up to the first `</a>` (PROTOCOL.md 10.4, rule 1); anchors inside it
 * are inert. Tags are matched as a browser would: a closing tag closes the innermost open tag of its
 * name and whatever is still open inside it. Opening tags that are never closed and closing tags that
 * close nothing are inert: the splitter never balances what the input left unbalanced (which also
 * keeps a text of ten thousand unclosed `<b>` from being reopened ten thousand times per chunk).
 */
export function tokenizeHtml(text: string): TokenList {
  const list = new TokenList(text);
  const tags = new TagScanner(text);
  const nextAnchorEnd = new NextMatch((from) => anchorEnd(text, from));
  // The open link: index of its LINK_OPEN token and where its `</a>` starts.
  let linkOpen = -1;
  let linkEnd = -1;
  // Opening formatting tags not closed yet, innermost last.
  const open: number[] = [];
  const close = (at: number, key: number) => {
    for (let depth = open.length - 1; depth >= 0; depth--) {
      if (list.keys[open[depth] as number] !== key) continue;
      for (const unclosed of open.splice(depth + 1)) list.kinds[unclosed] = TokenKind.INERT;
      open.pop();
      list.push(at, TokenKind.CLOSE, 0, key);
      return;
    }
    list.push(at, TokenKind.INERT, 0);
  };
  let pos = 0;

  while (pos < text.length) {
    const unit = text.charCodeAt(pos);
    if (pos === linkEnd) {
      const link = list.linkOf(linkOpen);
      link.closeIndex = list.push(pos, TokenKind.LINK_CLOSE, 0, list.keys[linkOpen]);
      link.total = countCodePoints(`${list.labelText(linkOpen, link.closeIndex)} ${link.url}`.trim());
      linkOpen = -1;
      linkEnd = -1;
      pos += ANCHOR_END.length;
    } else if (unit === LESS_THAN && tags.scan(pos)) {
      const key = tags.formattingKey();
      if (key === 0) {
        list.push(pos, TokenKind.ATOM, countCodePoints(text, pos, tags.end));
      } else if (tags.isAnchor() && linkOpen >= 0) {
        list.push(pos, TokenKind.INERT, 0);
      } else if (tags.closing) {
        close(pos, key);
      } else {
        const url = tags.isAnchor() && tags.hasAttributes() ? hrefOf(text.slice(pos, tags.end)) : "";
        const end = url === "" ? -1 : nextAnchorEnd.from(tags.end);
        if (url === "") {
          open.push(list.push(pos, TokenKind.OPEN, 0, key));
        } else if (end < 0) {
          // Never closed: no link (PROTOCOL.md 10.4, rule 3) and nothing to balance.
          list.push(pos, TokenKind.INERT, 0);
        } else {
          linkOpen = list.push(pos, TokenKind.LINK_OPEN, 0);
          linkEnd = end;
          list.addLink({
            openIndex: linkOpen,
            closeIndex: -1,
            url,
            total: 0,
            overhead: 1 + countCodePoints(url),
          });
        }
      }
      pos = tags.end;
    } else if (unit === AMPERSAND && isEntity(text, pos)) {
      list.push(pos, TokenKind.ATOM, ENTITY.lastIndex - pos);
      pos = ENTITY.lastIndex;
    } else {
      const afterSpace = pushWhitespace(list, pos);
      pos = afterSpace > pos ? afterSpace : pushTextRun(list, pos, HTML_STOPS);
    }
  }
  for (const unclosed of open) list.kinds[unclosed] = TokenKind.INERT;
  return list.finish();
}

/** Index of the next `</a>` (any case) at or after `from`, or -1; a plain scan, cheaper than a regex. */
function anchorEnd(text: string, from: number): number {
  for (let at = text.indexOf("</", from); at >= 0; at = text.indexOf("</", at + 2)) {
    if ((text.charCodeAt(at + 2) | 0x20) === 0x61 && text.charCodeAt(at + 3) === GREATER_THAN) return at;
  }
  return -1;
}

function isEntity(text: string, pos: number): boolean {
  ENTITY.lastIndex = pos;
  return ENTITY.test(text);
}

/** The `href` attribute value of an opening anchor tag, or "" when it has none. */
function hrefOf(tag: string): string {
  const match = HREF.exec(tag);
  return match ? (match[1] ?? match[2] ?? "") : "";
}

/**
 * Recognises a tag at a `<`: `<`, an optional `/`, a name of ASCII letters, digits and `-`, then `>`,
 * `/` or whitespace, and attributes up to the next `>` with no `<` before it. Scanned by hand and
 * remembered in fields, because a regular expression match per tag costs an allocation per tag.
 */
class TagScanner {
  closing = false;
  nameStart = 0;
  nameEnd = 0;
  end = 0;
  private readonly nextGreater: NextMatch;
  private readonly nextLess: NextMatch;

  constructor(private readonly text: string) {
    this.nextGreater = NextMatch.of(text, ">");
    this.nextLess = NextMatch.of(text, "<");
  }

  /** Whether a tag starts at `pos` (a `<`); fills the fields when it does. */
  scan(pos: number): boolean {
    const text = this.text;
    let at = pos + 1;
    this.closing = text.charCodeAt(at) === SLASH;
    if (this.closing) at++;
    this.nameStart = at;
    while (at < text.length && isNameChar(text.charCodeAt(at), at === this.nameStart)) at++;
    if (at === this.nameStart) return false;
    this.nameEnd = at;
    const after = text.charCodeAt(at);
    if (!(after === GREATER_THAN || after === SLASH || isWhitespace(after))) return false;
    const greater = this.nextGreater.from(at);
    if (greater < 0) return false;
    const less = this.nextLess.from(at);
    if (less >= 0 && less < greater) return false;
    this.end = greater + 1;
    return true;
  }

  /** Key of a formatting tag (name followed by whitespace or `>`, as in the reference), or 0. */
  formattingKey(): number {
    const after = this.text.charCodeAt(this.nameEnd);
    if (this.nameEnd - this.nameStart !== 1 || !(after === GREATER_THAN || isWhitespace(after))) return 0;
    return htmlTagKey(this.text.charAt(this.nameStart));
  }

  isAnchor(): boolean {
    return (this.text.charCodeAt(this.nameStart) | 0x20) === 0x61 && this.nameEnd - this.nameStart === 1;
  }

  /** The name is followed by whitespace, so attributes may follow. */
  hasAttributes(): boolean {
    return isWhitespace(this.text.charCodeAt(this.nameEnd));
  }
}

function isNameChar(unit: number, first: boolean): boolean {
  const lower = unit | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return true;
  return !first && ((unit >= 0x30 && unit <= 0x39) || unit === 0x2d);
}
