/**
 * The file name a `Content-Disposition` header proposes, preferring the RFC 5987 `filename*` form
 * (`filename*=UTF-8''na%C3%AFve.txt`) over the plain `filename` parameter; `undefined` if neither.
 * Only the last path segment is kept so that a hostile header cannot smuggle in a directory.
 */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      const charset = (extended[1] ?? "").toLowerCase();
      const raw = extended[2].trim();
      const name = charset === "utf-8" || charset === "" ? decodeURIComponent(raw) : decodeLatin1(raw);
      return lastSegment(name);
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const value = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2];
  return value ? lastSegment(value) : undefined;
}

function lastSegment(name: string): string | undefined {
  const segment = name.split(/[\\/]/).pop()?.trim();
  return segment ? segment : undefined;
}

/** Percent-decodes a value in ISO-8859-1, the only other charset RFC 5987 requires. */
function decodeLatin1(raw: string): string {
  return raw.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
