import { countCodePoints } from "./characters.js";

/** Where a word too long for the rest of a chunk is cut: an offset in the text and the width before it. */
export interface Cut {
  /** Offset (in code units) the cut is made at. */
  readonly end: number;
  /** Code points between the start of the cut region and `end`. */
  readonly width: number;
}

// Inside an over-long word (a URL, a hash, CJK without punctuation) these read as natural seams.
const SOFT_BREAK_AFTER = new Set([..."-/.,;:?&=_)|、，"].map((char) => char.charCodeAt(0)));

/**
 * Code points that may join a grapheme cluster with a neighbour: marks, joiners, variation selectors,
 * Hangul jamo, CR (of CRLF), regional indicators, emoji modifiers and tags. Text without any of them
 * has a cluster boundary between every two code points.
 */
const MAY_CLUSTER =
  /\p{M}|\u200c|\u200d|[\r\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\u{e0000}-\u{e01ef}]/u;

let graphemes: Intl.Segmenter | undefined;

/**
 * The longest prefix of `text[from, to)` made of whole grapheme clusters that is at most `budget`
 * code points wide; `width` 0 when not even the first cluster fits. A prefix ending after a soft break
 * character (`-`, `/`, `.` …) is preferred when it is at least `softMinimum` wide.
 * Only a window of about `2 * budget` code units is looked at, so cutting a ten megabyte word into
 * chunks stays linear; `Intl.Segmenter`, which costs a microsecond or so per cluster, is only used
 * when the window holds characters that can form clusters.
 */
export function graphemePrefix(
  text: string,
  from: number,
  to: number,
  budget: number,
  softMinimum: number,
): Cut {
  const windowEnd = Math.min(to, from + 2 * budget + 16);
  const window = text.slice(from, windowEnd);
  let end = from;
  let width = 0;
  let soft: Cut | undefined;
  const accept = (segmentEnd: number, segmentWidth: number) => {
    end = segmentEnd;
    width += segmentWidth;
    if (width >= softMinimum && SOFT_BREAK_AFTER.has(text.charCodeAt(end - 1))) soft = { end, width };
  };
  if (!MAY_CLUSTER.test(window)) {
    for (let at = from; at < windowEnd && width < budget; ) {
      const unit = text.charCodeAt(at);
      const next = at + (unit >= 0xd800 && unit <= 0xdbff && at + 1 < windowEnd ? 2 : 1);
      accept(next, 1);
      at = next;
    }
  } else {
    graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
    for (const { segment, index } of graphemes.segment(window)) {
      const segmentEnd = from + index + segment.length;
      // The last cluster of a window that stops inside the word may continue past the window.
      if (segmentEnd === windowEnd && windowEnd < to) break;
      const segmentWidth = countCodePoints(segment);
      if (width + segmentWidth > budget) break;
      accept(segmentEnd, segmentWidth);
    }
  }
  return soft && end < to ? soft : { end, width };
}

/**
 * The longest prefix of `text[from, to)` of at most `budget` whole code points (at least one): the last
 * resort for a single grapheme cluster wider than a whole chunk. Surrogate pairs are never split.
 */
export function codePointPrefix(text: string, from: number, to: number, budget: number): Cut {
  let end = from;
  let width = 0;
  while (end < to && (width < budget || width === 0)) {
    const unit = text.charCodeAt(end);
    const pair = unit >= 0xd800 && unit <= 0xdbff && end + 1 < to;
    const next = text.charCodeAt(end + 1);
    end += pair && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    width++;
  }
  return { end, width };
}

/**
 * The longest prefix of `text[from, to)` of whole grapheme clusters at most `budget` wide (preferably
 * after a soft break in its second half); when not even one cluster fits, whole code points instead.
 */
export function clusterPrefix(text: string, from: number, to: number, budget: number): Cut {
  const grapheme = graphemePrefix(text, from, to, budget, budget / 2);
  return grapheme.width > 0 ? grapheme : codePointPrefix(text, from, to, budget);
}
