/**
 * Finds the next occurrence of a pattern at or after a position that only ever moves forward,
 * remembering the last answer. Every tokenizer look-ahead goes through it, which keeps tokenizing
 * linear: a text with a million `[` and no `]` costs one failed search, not a million.
 */
export class NextMatch {
  private found = -2;

  /** `search(from)` returns the first match index at or after `from`, or -1. */
  constructor(private readonly search: (from: number) => number) {}

  /** First match at or after `from`, or -1; `from` must not decrease between calls. */
  from(from: number): number {
    if (this.found === -2 || (this.found !== -1 && this.found < from)) this.found = this.search(from);
    return this.found;
  }

  /** Searches for a literal substring. */
  static of(text: string, needle: string): NextMatch {
    return new NextMatch((from) => text.indexOf(needle, from));
  }
}
