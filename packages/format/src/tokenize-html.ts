import { countCodePoints, isWhitespace } from "./characters.js";
import { LINK_KEY, htmlTagKey } from "./markup-keys.js";
import { NextMatch } from "./next-match.js";
import { TokenKind, TokenList } from "./token-list.js";
import { pushTextRun, pushWhitespace } from "./tokenize-plain.js";

const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;
const ENTITY = /&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9-]*)/y;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i;
const ANCHOR_END = "</a>";

const stopsText = (unit: number) => unit === LESS_THAN || unit === AMPERSAND;

/**
 * Tokens of an `html` mode message. Formatting tags (`b`, `i`, `u`, `s`, `a`) are zero-width markup;
 * any other tag is visible text that is never cut, entities likewise. An anchor with a non-empty `href`
 * that is closed later is a link up to the first `</a>` (PROTOCOL.md 10.4, rule 1); anchors inside it
 * are inert. An anchor that is never closed still opens a link, so that closing it at a cut is paid for.
 */
export function tokenizeHtml(text: string): TokenList {
  const list = new TokenList(text);
  const nextGreater = NextMatch.of(text, ">");
  const nextLess = NextMatch.of(text, "<");
  const nextAnchorEnd = NextMatch.ofPattern(text, /<\/a>/gi);
  // Open link: index of its LINK_OPEN token and where its `</a>` starts (-1: runs to the end).
  let linkOpen = -1;
  let linkEnd = -1;
  let pos = 0;

  while (pos < text.length) {
    if (linkOpen >= 0 && pos === linkEnd) {
      const closeIndex = list.push(pos, TokenKind.LINK_CLOSE, 0, LINK_KEY);
      const info = list.links.get(linkOpen);
      if (info) {
        const label = list.labelText(linkOpen, closeIndex);
        const total = countCodePoints(`${label} ${info.url}`.trim());
        list.links.set(linkOpen, { ...info, closeIndex, total });
      }
      linkOpen = -1;
      pos += ANCHOR_END.length;
      continue;
    }
    const afterSpace = pushWhitespace(list, pos);
    if (afterSpace > pos) {
      pos = afterSpace;
      continue;
    }
    const unit = text.charCodeAt(pos);
    if (unit === AMPERSAND) {
      ENTITY.lastIndex = pos;
      if (ENTITY.test(text)) {
        list.push(pos, TokenKind.ATOM, ENTITY.lastIndex - pos);
        pos = ENTITY.lastIndex;
        continue;
      }
    } else if (unit === LESS_THAN) {
      const end = tagEnd(text, pos, nextGreater, nextLess);
      if (end > 0) {
        TAG_NAME.lastIndex = pos;
        const match = TAG_NAME.exec(text) as RegExpExecArray;
        const closing = match[1] === "/";
        const name = match[2] as string;
        const afterName = text.charCodeAt(TAG_NAME.lastIndex);
        const key = afterName === 0x3e || isWhitespace(afterName) ? htmlTagKey(name) : 0;
        if (key === 0) {
          list.push(pos, TokenKind.ATOM, countCodePoints(text, pos, end));
        } else if (name.toLowerCase() !== "a") {
          list.push(pos, closing ? TokenKind.CLOSE : TokenKind.OPEN, 0, key);
        } else if (linkOpen >= 0) {
          list.push(pos, TokenKind.INERT, 0);
        } else if (closing) {
          list.push(pos, TokenKind.CLOSE, 0, key);
        } else {
          const url = isWhitespace(afterName) ? hrefOf(text.slice(pos, end)) : "";
          if (url === "") {
            list.push(pos, TokenKind.OPEN, 0, key);
          } else {
            linkOpen = list.push(pos, TokenKind.LINK_OPEN, 0, LINK_KEY);
            linkEnd = nextAnchorEnd.from(end);
            const overhead = 1 + countCodePoints(url);
            // Until its `</a>` is reached the link counts as unclosed, which adds nothing (rule 3).
            list.links.set(linkOpen, { closeIndex: -1, url, total: 0, overhead });
          }
        }
        pos = end;
        continue;
      }
    }
    pos = pushTextRun(list, pos, stopsText);
  }
  return list.finish();
}

/** End offset of the tag that starts at `pos`, or -1 when `<` does not start a tag there. */
function tagEnd(text: string, pos: number, nextGreater: NextMatch, nextLess: NextMatch): number {
  TAG_NAME.lastIndex = pos;
  if (!TAG_NAME.test(text)) return -1;
  const afterName = text.charCodeAt(TAG_NAME.lastIndex);
  if (!(afterName === 0x3e || afterName === 0x2f || isWhitespace(afterName))) return -1;
  const greater = nextGreater.from(TAG_NAME.lastIndex);
  if (greater < 0) return -1;
  const less = nextLess.from(TAG_NAME.lastIndex);
  return less >= 0 && less < greater ? -1 : greater + 1;
}

/** The `href` attribute value of an opening anchor tag, or "" when it has none. */
function hrefOf(tag: string): string {
  const match = HREF.exec(tag);
  return match ? (match[1] ?? match[2] ?? "") : "";
}
