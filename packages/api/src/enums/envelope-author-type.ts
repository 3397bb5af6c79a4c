/**
 * Who wrote an envelope: the system or a user (`author.type` and a participant's `type`).
 *
 * @example
 * if (message.fromUser.type === EnvelopeAuthorType.USER) await message.reply("hi");
 */
export const EnvelopeAuthorType = {
  SYSTEM: 0,
  USER: 1,
} as const;

/** One of the {@link EnvelopeAuthorType} values. */
export type EnvelopeAuthorType = (typeof EnvelopeAuthorType)[keyof typeof EnvelopeAuthorType];
