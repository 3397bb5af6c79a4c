import type { RawBot, WireFrame } from "../support/raw-bot.js";

/** Keys PROTOCOL.md marks optional ("?"): a sample that shows one does not make it required. */
const optionalKeys = new Set(["replyMessageId"]);

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** The sample item to compare an array item with: the one of the same envelope `type` when there is one. */
function sampleItemFor(item: unknown, sample: unknown[]): unknown {
  const type = (item as { type?: unknown } | null)?.type;
  return sample.find((candidate) => (candidate as { type?: unknown } | null)?.type === type) ?? sample[0];
}

/**
 * Where `actual` differs in shape from `sample`: object key sets must be equal and values of the same JSON type,
 * recursively; array items are compared with the sample item of the same
 * envelope `type` (else the first). A null on either side matches anything
 * (the samples show nullable fields with one of their forms). Values themselves are never compared.
 *
 * @example
 * expect(shapeMismatches(response, protocolSamples.methods.getChatByID.response.payload)).toEqual([]);
 */
export function shapeMismatches(actual: unknown, sample: unknown, path = "$"): string[] {
  if (actual === null || sample === null) return [];
  if (kind(actual) !== kind(sample)) return [`${path}: ${kind(actual)} instead of ${kind(sample)}`];
  if (Array.isArray(actual) && Array.isArray(sample)) {
    if (sample.length === 0) return [];
    return actual.flatMap((item, index) =>
      shapeMismatches(item, sampleItemFor(item, sample), `${path}[${index}]`),
    );
  }
  if (kind(actual) !== "object") return [];
  const a = actual as Record<string, unknown>;
  const s = sample as Record<string, unknown>;
  const missing = Object.keys(s)
    .filter((key) => !(key in a) && !optionalKeys.has(key))
    .map((key) => `${path}.${key}: missing`);
  const extra = Object.keys(a)
    .filter((key) => !(key in s))
    .map((key) => `${path}.${key}: not in the sample`);
  // An envelope's content depends on its type: contents of different types are not comparable.
  const differentTypes = "type" in a && "type" in s && a.type !== s.type;
  if (differentTypes) return [...missing, ...extra];
  const nested = Object.keys(s)
    .filter((key) => key in a)
    .flatMap((key) => shapeMismatches(a[key], s[key], `${path}.${key}`));
  return [...missing, ...extra, ...nested];
}

/** The next event of `method` whose payload satisfies `match`, skipping (consuming) the others. */
export async function eventWhere(
  bot: RawBot,
  method: string,
  match: (payload: Record<string, unknown>) => boolean,
  timeout = 3000,
): Promise<WireFrame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no matching ${method} event within ${timeout} ms`);
    const frame = await bot.nextEvent(method, { timeout: left });
    if (match(frame.payload as Record<string, unknown>)) return frame;
  }
}
