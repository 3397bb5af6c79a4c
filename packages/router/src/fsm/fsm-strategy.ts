/**
 * Which events share one FSM record: the strategy maps an event's chat and user to the chat and user parts of its
 * {@link StorageKey}. Values are aiogram's, so a stored record reads the same from either SDK.
 *
 * @example
 * new Dispatcher({ fsmStrategy: FSMStrategy.GLOBAL_USER }); // one form per user, whatever the chat
 */
export const FSMStrategy = {
  /** One record per user in each chat (the default): two users of a group fill their forms separately. */
  USER_IN_CHAT: "user_in_chat",
  /** One record per chat, shared by everybody in it. */
  CHAT: "chat",
  /** One record per user across all chats. */
  GLOBAL_USER: "global_user",
} as const;

/** One of the {@link FSMStrategy} values. */
export type FSMStrategy = (typeof FSMStrategy)[keyof typeof FSMStrategy];

const strategies: readonly string[] = Object.values(FSMStrategy);

/** Whether `value` is one of the {@link FSMStrategy} values. */
export function isFSMStrategy(value: unknown): value is FSMStrategy {
  return typeof value === "string" && strategies.includes(value);
}

/** The chat and user parts of the key of an event in `chatId` from `userId`, under `strategy`. */
export function applyStrategy(
  strategy: FSMStrategy,
  chatId: string,
  userId: string,
): { chatId: string; userId: string } {
  switch (strategy) {
    case FSMStrategy.CHAT:
      return { chatId, userId: chatId };
    case FSMStrategy.GLOBAL_USER:
      return { chatId: userId, userId };
    default:
      return { chatId, userId };
  }
}
