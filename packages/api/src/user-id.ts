/**
 * Cuts `/instance`, `?query`, `&action` and `#fragment` off a TrueConf ID and lower-cases it, so that ids compare
 * by identity: the server may return `Bot@Server/80830e3b` for the account `bot@server`.
 */
export function normalizeUserId(id: string): string {
  const end = id.search(/[/?&#]/);
  return (end === -1 ? id : id.slice(0, end)).trim().toLowerCase();
}

/**
 * Whether two TrueConf IDs name the same account: instance suffix, query and case are ignored, and an id without
 * a domain matches the login part of one with a domain.
 *
 * @example
 * sameUserId("Bot@srv/80830e3b", "bot@srv"); // true
 * sameUserId("bot", "bot@srv"); // true
 * sameUserId("bot@srv", "bot@other"); // false
 */
export function sameUserId(a: string, b: string): boolean {
  const left = normalizeUserId(a);
  const right = normalizeUserId(b);
  if (left === right) return true;
  if (left.includes("@") === right.includes("@")) return false;
  return left.split("@")[0] === right.split("@")[0];
}
