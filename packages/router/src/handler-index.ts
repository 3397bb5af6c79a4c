import type { FilterGuard, Probe } from "./filters/filter-guard.js";

/**
 * Which handlers of an observer can match an event, found without running their filters: the handlers whose
 * first filter has a guard (`Command("start")`, `F.text.eq("hi")`) are filed by the values their guard accepts;
 * an event reads each probe once and gets the positions of the handlers worth trying, in registration order,
 * with every unguarded handler among them. Built once per tree version, with the router's plan.
 */
export interface HandlerIndex {
  readonly probes: readonly IndexedProbe[];
  /** Positions of the handlers without a guard: always tried. */
  readonly unguarded: readonly number[];
}

interface IndexedProbe {
  readonly probe: Probe;
  /** Value → positions (ascending) of the handlers whose guard on this probe accepts it. */
  readonly byValue: ReadonlyMap<string, readonly number[]>;
}

/** Below this many guarded handlers, trying them all costs no more than the index. */
const worthIndexing = 4;

/** The index of handlers with these guards (in order); `undefined` when too few have one. */
export function buildIndex(guards: readonly (FilterGuard | undefined)[]): HandlerIndex | undefined {
  if (guards.filter((guard) => guard !== undefined).length < worthIndexing) return undefined;
  const unguarded: number[] = [];
  const byProbe = new Map<string, { probe: Probe; byValue: Map<string, number[]> }>();
  guards.forEach((guard, position) => {
    if (guard === undefined) {
      unguarded.push(position);
      return;
    }
    let entry = byProbe.get(guard.probe.id);
    if (entry === undefined) {
      entry = { probe: guard.probe, byValue: new Map() };
      byProbe.set(guard.probe.id, entry);
    }
    for (const value of new Set(guard.values)) {
      const positions = entry.byValue.get(value);
      if (positions === undefined) entry.byValue.set(value, [position]);
      else positions.push(position);
    }
  });
  return { probes: [...byProbe.values()], unguarded };
}

const nothing: readonly number[] = [];

/** The positions of the handlers that can match `event`, ascending. */
export function candidatesFor(index: HandlerIndex, event: unknown): readonly number[] {
  let found: readonly number[] = index.unguarded;
  let merged = false;
  for (const { probe, byValue } of index.probes) {
    const value = probe.read(event);
    const positions = value === undefined ? undefined : byValue.get(value);
    if (positions === undefined) continue;
    if (found.length === 0) found = positions;
    else {
      found = mergeSorted(found, positions, merged);
      merged = true;
    }
  }
  return found.length === 0 ? nothing : found;
}

/** Two ascending lists as one (into `a` when it is a list this event owns). */
function mergeSorted(a: readonly number[], b: readonly number[], ownsA: boolean): number[] {
  const out = ownsA ? (a as number[]) : [...a];
  for (const position of b) out.push(position);
  return out.sort((x, y) => x - y);
}
