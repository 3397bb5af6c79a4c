import { countCodePoints } from "./characters.js";

/** Where a word too long for the rest of a chunk is cut: an offset in the text and the width before it. */
export interface Cut {
  /** Offset (in code units) the cut is made at. */
  readonly end: number;
  /** Code points between the start of the cut region and `end`. */
  readonly width: number;
}

// Inside an over-long word (a URL, a hash, CJK without punctuation) these read as natural seams.
const SOFT_BREAK_AFTER = new Set(["-", "/", ".", ",", ";", ":", "?", "&", "=", "_", ")", "|", "、", "，"]);

let graphemes: Intl.Segmenter | undefined;

/**
 * The longest prefix of `text[from, to)` made of whole grapheme clusters that is at most `budget`
 * code points wide; `width` 0 when not even the first cluster fits. A prefix ending after a soft break
 * character (`-`, `/`, `.` …) is preferred when it is at least `softMinimum` wide.
 * Only a window of about `2 * budget` code units is segmented, so cutting a ten megabyte word into
 * chunks stays linear.
 */
export function graphemePrefix(
  text: string,
  from: number,
  to: number,
  budget: number,
  softMinimum: number,
): Cut {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const windowEnd = Math.min(to, from + 2 * budget + 16);
  let end = from;
  let width = 0;
  let soft: Cut | undefined;
  for (const { segment, index } of graphemes.segment(text.slice(from, windowEnd))) {
    const segmentEnd = from + index + segment.length;
    // The last cluster of a window that stops inside the word may continue past the window.
    if (segmentEnd === windowEnd && windowEnd < to) break;
    const segmentWidth = countCodePoints(segment);
    if (width + segmentWidth > budget) break;
    end = segmentEnd;
    width += segmentWidth;
    if (width >= softMinimum && SOFT_BREAK_AFTER.has(segment)) soft = { end, width };
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
