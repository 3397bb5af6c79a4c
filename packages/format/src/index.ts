export { escapeHtml, escapeMarkdown } from "./escape.js";
export { ParseMode } from "./parse-mode.js";
export { MESSAGE_TEXT_LIMIT, type SafeSplitTextOptions, safeSplitText } from "./safe-split-text.js";
export { type VisibleLengthOptions, visibleLength } from "./visible-length.js";
