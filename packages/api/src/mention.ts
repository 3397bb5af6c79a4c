/*
 * Mentions arrive as HTML anchors (`<a href="trueconf:id">`) from TrueConf clients and may be written as
 * Markdown links (`[Name](trueconf:id)`) by bots. The id may carry an instance (`/80830e3b`), a query
 * (`?k=v`) or a profile action (`&do=profile`), and case may differ from the id `auth` returned.
 */
import { normalizeUserId, sameUserId } from "./user-id.js";

// The id classes stop at every character that begins another mention (`<`, `[`, `]`, `(`, quotes): an id can then
// never run across a later mention, so each character is scanned a bounded number of times and the search stays
// linear in the text length. (An id class open to `]` and `(` made `](trueconf:` repeated without `)` quadratic.)
const htmlMention = /href\s*=\s*(["'])trueconf:([^"'<>\s]+)\1/gi;
const markdownMention = /\]\(\s*trueconf:([^()[\]<>\s"']+)\s*\)/gi;
const allMention = /(^|[\s>(])@all(?![\w@.-])/i;

/** Every TrueConf ID mentioned in `text`, normalised with {@link normalizeUserId}. */
function mentionedUserIds(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(htmlMention)) ids.push(normalizeUserId(decodeEntities(match[2] ?? "")));
  for (const match of text.matchAll(markdownMention)) ids.push(normalizeUserId(match[1] ?? ""));
  return ids;
}

/**
 * Whether `text` mentions `userId` (the bot) or everyone (`@all` as a word). A mentioned id without a domain
 * matches the login part of `userId`.
 */
export function mentionsUser(text: string, userId: string | undefined): boolean {
  if (allMention.test(text)) return true;
  if (userId === undefined || userId === "") return false;
  return mentionedUserIds(text).some((id) => sameUserId(id, userId));
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, "&").replace(/&#64;/g, "@");
}
