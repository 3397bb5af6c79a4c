import * as v from "valibot";
import { type ChatParticipantRole, numericParticipantRoles } from "../enums/chat-participant-role.js";

/** A non-empty string id (chat, message, file, user). */
export const idSchema = v.pipe(v.string(), v.minLength(1));

/** A string that may be missing or `null` on the wire; read as `null`. */
export const nullableString = v.optional(v.nullable(v.string()), null);

/** `{ id, type }` of an envelope author, `removedBy`, `addedBy`. The `type` defaults to a user (1). */
export const authorSchema = v.object({ id: v.string(), type: v.optional(v.number(), 1) });

/** Who wrote or did something: `id` is the TrueConf ID, `type` 0 = system, 1 = user. */
export type EnvelopeAuthor = v.InferOutput<typeof authorSchema>;

/** `box` of an envelope. Its meaning is undocumented, so both members are kept as they arrive. */
export const boxSchema = v.object({
  id: v.optional(v.union([v.number(), v.string()])),
  position: v.optional(v.union([v.string(), v.number()])),
});

/** The `box` of an envelope (undocumented server bookkeeping), kept as received. */
export type EnvelopeBox = v.InferOutput<typeof boxSchema>;

/**
 * A participant role: the strings of the Python SDK, the numbers 0-6 of TrueConf's objects page (mapped to the
 * strings), or any other string a newer server may send (kept as is).
 */
export const roleSchema = v.union([
  v.pipe(
    v.number(),
    v.integer(),
    v.minValue(0),
    v.maxValue(numericParticipantRoles.length - 1),
    v.transform((n): ChatParticipantRole | (string & {}) => numericParticipantRoles[n] ?? String(n)),
  ),
  v.pipe(
    v.string(),
    v.transform((s): ChatParticipantRole | (string & {}) => s),
  ),
]);

/** `forAll` of the `clearHistory` event: a boolean, or the strings `"true"`/`"false"` (Python SDK). */
export const looseBooleanSchema = v.union([
  v.boolean(),
  v.pipe(
    v.string(),
    v.transform((s) => s.trim().toLowerCase() === "true"),
  ),
]);
