/**
 * The extension of a file name: the text after the last dot, lower-case, without the dot; `""` when
 * there is none. A leading dot alone (".bashrc") is part of the name, not an extension.
 */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  if (dot <= 0 || dot === fileName.length - 1) return "";
  return fileName.slice(dot + 1).toLowerCase();
}

/**
 * Every dotted suffix of a name, shortest first ("a.tar.gz" → ["gz", "tar.gz"]), lower-case. Lets an
 * extension filter that lists a compound extension match it.
 */
export function extensionSuffixesOf(fileName: string): string[] {
  if (extensionOf(fileName) === "") return [];
  const parts = fileName.toLowerCase().split(".");
  // parts[0] is the stem; for a dotfile it is "" and the next word is still the name.
  const first = parts[0] === "" ? 2 : 1;
  const suffixes: string[] = [];
  for (let i = parts.length - 1; i >= first && parts[i] !== ""; i--) suffixes.push(parts.slice(i).join("."));
  return suffixes;
}

/** The last path segment of a URL, percent-decoded; `undefined` when the path ends with a slash. */
export function fileNameFromUrl(url: URL): string | undefined {
  const segment = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  if (segment === "") return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape is still a usable name as written.
    return segment;
  }
}
