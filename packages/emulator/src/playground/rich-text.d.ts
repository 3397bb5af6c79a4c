/** Types of rich-text.js for the package's own tests (the browser loads the script as it is). */
export type RichNode =
  | { text: string }
  | { tag: "b" | "i" | "s" | "u"; children: RichNode[] }
  | { tag: "a"; href: string; children: RichNode[] };
export function decodeEntities(text: string): string;
export function safeHref(href: unknown): string | undefined;
export function parseHtml(text: string): RichNode[];
export function parseMarkdown(text: string): RichNode[];
export function parseRich(text: unknown, parseMode: string): RichNode[];
export function plainText(nodes: RichNode[]): string;
export function renderRich(nodes: RichNode[], doc?: unknown): unknown;
