/**
 * The frame `type` of the wire envelope. Only requests and responses are used.
 *
 * @example
 * console.log(UpdateType.REQUEST); // 1
 */
export const UpdateType = {
  RESERVED: 0,
  REQUEST: 1,
  RESPONSE: 2,
} as const;

/** One of the {@link UpdateType} values. */
export type UpdateType = (typeof UpdateType)[keyof typeof UpdateType];
