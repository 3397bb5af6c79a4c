/**
 * The `type` of a message envelope: user content (200-204) or a system notice (1-110).
 *
 * @example
 * if (message.type === MessageType.ATTACHMENT) await message.document?.download({ destPath: "in.bin" });
 */
export const MessageType = {
  ADD_PARTICIPANT: 1,
  REMOVE_PARTICIPANT: 2,
  EDIT_CHAT_TITLE: 21,
  EDIT_CHAT_AVATAR: 22,
  CLEAR_CHAT_HISTORY: 23,
  PARTICIPANT_ROLE: 110,
  PLAIN_MESSAGE: 200,
  FORWARDED_MESSAGE: 201,
  ATTACHMENT: 202,
  LOCATION: 203,
  SURVEY: 204,
} as const;

/** One of the {@link MessageType} values. */
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** The system notice types, delivered only with `receiveSystemMessageEnvelopes`. */
export type SystemMessageType = 1 | 2 | 21 | 22 | 23 | 110;
