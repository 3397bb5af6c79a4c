/**
 * A URL as it may appear in an error message: scheme, host and path only. Query strings and user
 * info are dropped because signed download links and basic-auth URLs carry secrets there.
 */
export function redactUrl(url: URL | string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "<invalid URL>";
  }
}
