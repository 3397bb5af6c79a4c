import * as v from "valibot";
import { authorSchema, boxSchema, idSchema } from "./common.js";
import { type MessageEnvelope, parseMessageContent } from "./message-content.js";

/** Forwards nest envelopes; deeper chains than this are kept raw instead of parsed (no stack exhaustion). */
const maxForwardDepth = 8;

const envelopeHeadSchema = v.looseObject({
  messageId: idSchema,
  chatId: idSchema,
  timestamp: v.number(),
  type: v.pipe(v.number(), v.integer()),
  author: authorSchema,
  box: v.nullish(boxSchema),
  isEdited: v.optional(v.boolean()),
  replyMessageId: v.nullish(v.string()),
  content: v.optional(v.unknown()),
});

/** The envelope's head (without content) as plain data. */
type EnvelopeHead = v.InferOutput<typeof envelopeHeadSchema>;

/** Completes a checked head into a full envelope, reading its content by type (nested forwards one level down). */
function buildEnvelope(e: EnvelopeHead, depth: number): MessageEnvelope {
  const parseNested = (nested: unknown) =>
    depth < maxForwardDepth ? parseEnvelope(nested, depth + 1) : null;
  return {
    messageId: e.messageId,
    chatId: e.chatId,
    timestamp: e.timestamp,
    type: e.type,
    author: e.author,
    box: e.box ?? null,
    isEdited: e.isEdited ?? false,
    replyMessageId: e.replyMessageId ?? null,
    content: parseMessageContent(e.type, e.content, parseNested),
  };
}

/** Reads a full message envelope; `null` when the head (ids, timestamp, type, author) is unusable. Never throws. */
export function parseEnvelope(value: unknown, depth = 0): MessageEnvelope | null {
  const head = v.safeParse(envelopeHeadSchema, value);
  return head.success ? buildEnvelope(head.output, depth) : null;
}

/**
 * valibot schema of a full envelope (the `sendMessage` push, `getMessageById`, history items). Only the head can
 * fail it; content that breaks its type's shape is kept raw (`kind: "unknown"`).
 */
export const envelopeSchema = v.pipe(
  envelopeHeadSchema,
  v.transform((head) => buildEnvelope(head, 0)),
);

/** The reduced envelope inside chat objects: no `chatId`, `box` or `isEdited`. */
export interface LastMessage {
  readonly messageId: string;
  readonly timestamp: number;
  readonly type: number;
  readonly author: { readonly id: string; readonly type: number };
  readonly content: MessageEnvelope["content"];
}

const lastMessageHeadSchema = v.looseObject({
  messageId: idSchema,
  timestamp: v.number(),
  type: v.pipe(v.number(), v.integer()),
  author: authorSchema,
  content: v.optional(v.unknown()),
});

/** `lastMessage` of a chat object: `null` when absent, `null` too when unreadable (it is informational only). */
export const lastMessageSchema = v.pipe(
  v.unknown(),
  v.transform((value): LastMessage | null => {
    const r = v.safeParse(lastMessageHeadSchema, value);
    if (!r.success) return null;
    const { messageId, timestamp, type, author, content } = r.output;
    return {
      messageId,
      timestamp,
      type,
      author,
      content: parseMessageContent(type, content, (nested) => parseEnvelope(nested, 1)),
    };
  }),
);
