export {
  AllMention,
  Bold,
  Italic,
  Link,
  type LinkOptions,
  Mention,
  type MentionOptions,
  Strikethrough,
  Text,
  Underline,
} from "./builders.js";
export {
  type Decoration,
  decorationFor,
  htmlDecoration,
  markdownDecoration,
  plainDecoration,
} from "./decoration.js";
export { escapeHtml, escapeMarkdown } from "./escape.js";
export {
  AllMentionNode,
  type FormatChild,
  FormatNode,
  type FormatStyle,
  LinkNode,
  MentionNode,
} from "./nodes.js";
export { ParseMode } from "./parse-mode.js";
export { MESSAGE_TEXT_LIMIT, type SafeSplitTextOptions, safeSplitText } from "./safe-split-text.js";
export { type VisibleLengthOptions, visibleLength } from "./visible-length.js";
