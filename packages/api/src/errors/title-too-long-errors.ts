import { LimitExceededError } from "@tc/core";

/**
 * A chat title is longer than 256 characters (Unicode code points). Base of the group and channel variants;
 * thrown as is by `editChatTitle`.
 *
 * @example
 * try { await api.editChatTitle({ chatId, title }); }
 * catch (e) { if (e instanceof ChatTitleTooLongError) console.log(e.limit); }
 */
export class ChatTitleTooLongError extends LimitExceededError {
  constructor(actualValue: number, limit = 256, what = "Chat title") {
    super(`${what} is ${actualValue} characters long; the limit is ${limit}.`, actualValue, limit);
  }
}

/**
 * A group chat title given to `createGroupChat` is longer than 256 characters.
 *
 * @example
 * await api.createGroupChat({ title: "Ops duty" });
 */
export class GroupTitleTooLongError extends ChatTitleTooLongError {
  constructor(actualValue: number, limit = 256) {
    super(actualValue, limit, "Group chat title");
  }
}

/**
 * A channel title given to `createChannel` is longer than 256 characters.
 *
 * @example
 * await api.createChannel({ title: "Release notes" });
 */
export class ChannelTitleTooLongError extends ChatTitleTooLongError {
  constructor(actualValue: number, limit = 256) {
    super(actualValue, limit, "Channel title");
  }
}
