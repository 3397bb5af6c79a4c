/**
 * The kind of a chat (`chatType` on the wire). There is no 4 in any source.
 *
 * @example
 * const chat = await api.getChatById({ chatId });
 * if (chat.chatType === ChatType.CHANNEL) console.log("a channel");
 */
export const ChatType = {
  UNDEF: 0,
  P2P: 1,
  GROUP: 2,
  SYSTEM: 3,
  FAVORITES: 5,
  CHANNEL: 6,
} as const;

/** One of the {@link ChatType} values. */
export type ChatType = (typeof ChatType)[keyof typeof ChatType];
