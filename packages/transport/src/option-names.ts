import { checkOptions, InvalidArgumentError } from "@tc/core";

/** A name without case and underscores: `web_port`, `webPort` and `webport` all read `webport`. */
function normalise(name: string): string {
  return name.replaceAll("_", "").toLowerCase();
}

/**
 * `checkOptions` that also recognises the spellings users bring from elsewhere: the Python SDK's snake_case
 * names (`ws_max_retries` → `wsMaxRetries`) and renamed options given in `renamed` (normalised old name → new
 * name, e.g. `webport` → `port`), which an edit distance would not connect. Unknown keys are errors either way;
 * only the suggestion differs.
 *
 * @example
 * checkOptionNames("Transport options", { web_port: 443 }, ["port"], { webport: "port" });
 * // InvalidArgumentError: Transport options: unknown option "web_port" (did you mean "port"?)
 */
export function checkOptionNames<T extends object>(
  where: string,
  options: T | undefined,
  known: readonly string[],
  renamed: Readonly<Record<string, string>> = {},
): T {
  if (typeof options === "object" && options !== null && !Array.isArray(options)) {
    for (const key of Object.keys(options)) {
      if (known.includes(key)) continue;
      const spelled = normalise(key);
      const meant = renamed[spelled] ?? known.find((name) => normalise(name) === spelled);
      if (meant !== undefined) {
        throw new InvalidArgumentError(`${where}: unknown option "${key}" (did you mean "${meant}"?)`);
      }
    }
  }
  return checkOptions(where, options, known);
}
