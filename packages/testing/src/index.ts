export type { ChatMessage, ChatMessageFile } from "./chat-message.js";
export {
  IdleTimeoutError,
  ReconnectTimeoutError,
  ReplyTimeoutError,
  TestExpectationError,
  UnexpectedReplyError,
  WaitTimeoutError,
} from "./errors.js";
export type { ReplyMatcher } from "./reply-matcher.js";
export {
  type MessageRef,
  type SentMessage,
  TestUser,
  type UserFile,
  type UserText,
  type WaitOptions,
} from "./test-user.js";
export { createTestWorld, type DropConnectionOptions, TestWorld } from "./test-world.js";
export type {
  BotFactory,
  TestBotOptions,
  TestChatSpec,
  TestUserSpec,
  TestWorldOptions,
} from "./test-world-options.js";
