import * as v from "valibot";
import { MessageType } from "../enums/message-type.js";
import { type EnvelopeAuthor, type EnvelopeBox, nullableString, roleSchema } from "./common.js";

/*
 * One schema per content kind; each outputs its content tagged with `kind`, and the content types are inferred
 * from them. Extra keys are accepted and left out, except in system notices, whose shapes are only inferred and
 * so are kept whole in `raw`.
 */

const textContentSchema = v.pipe(
  v.object({ text: v.string(), parseMode: v.optional(v.string(), "text") }),
  v.transform((c) => ({ kind: "text" as const, ...c })),
);

const attachmentContentSchema = v.pipe(
  v.object({
    name: v.optional(v.string(), ""),
    size: v.optional(v.number(), 0),
    fileId: v.optional(v.string()),
    infoHash: v.optional(v.string()),
    mimeType: v.nullish(v.string()),
    readyState: v.optional(v.number()),
  }),
  v.check((c) => typeof (c.fileId ?? c.infoHash) === "string", "an attachment needs fileId or infoHash"),
  v.transform((c) => ({
    kind: "attachment" as const,
    name: c.name,
    size: c.size,
    fileId: (c.fileId ?? c.infoHash) as string,
    mimeType: c.mimeType ?? "",
    /** A {@link FileReadyState} value, or `undefined` when the server did not say. */
    readyState: c.readyState,
  })),
);

const locationContentSchema = v.pipe(
  v.object({
    latitude: v.number(),
    longitude: v.number(),
    title: nullableString,
    description: nullableString,
  }),
  v.transform((c) => ({ kind: "location" as const, ...c })),
);

const surveyContentSchema = v.pipe(
  v.object({
    url: v.string(),
    title: v.string(),
    path: v.optional(v.string()),
    description: v.optional(v.string()),
    buttonText: v.optional(v.string()),
    appVersion: v.optional(v.number()),
    secret: v.optional(v.string()),
    alt: v.optional(v.string()),
  }),
  v.transform((c) => ({ kind: "survey" as const, ...c })),
);

const systemContentSchema = v.pipe(
  v.looseObject({
    userId: v.optional(v.string()),
    role: v.optional(roleSchema),
    title: v.optional(v.string()),
    avatarUrl: v.optional(v.string()),
  }),
  v.transform(({ userId, role, title, avatarUrl, ...rest }) => ({
    kind: "system" as const,
    userId,
    role,
    title,
    avatarUrl,
    raw: { ...rest, userId, role, title, avatarUrl } as Readonly<Record<string, unknown>>,
  })),
);

/** Text of a PLAIN_MESSAGE (200). `parseMode` is kept as sent, even when it is not a known mode. */
export type TextContent = Readonly<v.InferOutput<typeof textContentSchema>>;

/** A file of an ATTACHMENT (202). `fileId` is also read from the older `infoHash` key. */
export type AttachmentContent = Readonly<v.InferOutput<typeof attachmentContentSchema>>;

/** A LOCATION (203). Sources disagree on `title` vs `description`; both are read, either may be `null`. */
export type LocationContent = Readonly<v.InferOutput<typeof locationContentSchema>>;

/** A SURVEY (204): the same fields as `sendSurvey` content. */
export type SurveyContent = Readonly<v.InferOutput<typeof surveyContentSchema>>;

/**
 * A FORWARDED_MESSAGE (201). The Python SDK reads a complete nested envelope, OpenClaw a flat `text`; both forms
 * are accepted: `envelope` is the nested message when there is one, `text`/`parseMode` the text either way.
 */
export interface ForwardedContent {
  readonly kind: "forwarded";
  readonly envelope: MessageEnvelope | null;
  readonly text: string | null;
  readonly parseMode: string | null;
}

/** A system notice (types 1, 2, 21, 22, 23, 110). Shapes are inferred, so `raw` keeps everything. */
export type SystemContent = Readonly<v.InferOutput<typeof systemContentSchema>>;

/** Content that does not fit its envelope type, or an envelope type this SDK does not know: kept raw. */
export interface UnknownContent {
  readonly kind: "unknown";
  readonly raw: unknown;
}

/** The content of a message, told apart by `kind`. */
export type MessageContent =
  | TextContent
  | AttachmentContent
  | LocationContent
  | SurveyContent
  | ForwardedContent
  | SystemContent
  | UnknownContent;

/** A message envelope as plain data (event payload, `getMessageById`, history items, nested forwards). */
export interface MessageEnvelope {
  readonly messageId: string;
  readonly chatId: string;
  readonly timestamp: number;
  /** A {@link MessageType} value, or another number from a newer server. */
  readonly type: number;
  readonly author: EnvelopeAuthor;
  readonly box: EnvelopeBox | null;
  readonly isEdited: boolean;
  readonly replyMessageId: string | null;
  readonly content: MessageContent;
}

const systemTypes: ReadonlySet<number> = new Set([1, 2, 21, 22, 23, 110]);

/**
 * Reads `content` according to the envelope `type`. Never throws: content that breaks its type's shape, and
 * types this SDK does not know, come back as `{ kind: "unknown", raw }`.
 */
export function parseMessageContent(
  type: number,
  content: unknown,
  parseNested: (value: unknown) => MessageEnvelope | null,
): MessageContent {
  const unknown: UnknownContent = { kind: "unknown", raw: content };
  const read = (schema: v.GenericSchema<unknown, MessageContent>): MessageContent => {
    const r = v.safeParse(schema, content);
    return r.success ? r.output : unknown;
  };
  switch (type) {
    case MessageType.PLAIN_MESSAGE:
      return read(textContentSchema);
    case MessageType.ATTACHMENT:
      return read(attachmentContentSchema);
    case MessageType.LOCATION:
      return read(locationContentSchema);
    case MessageType.SURVEY:
      return read(surveyContentSchema);
    case MessageType.FORWARDED_MESSAGE: {
      const envelope = parseNested(content);
      const flat = v.safeParse(textContentSchema, content);
      if (envelope === null && !flat.success) return unknown;
      const nestedText = envelope?.content.kind === "text" ? envelope.content : null;
      return {
        kind: "forwarded",
        envelope,
        text: flat.success ? flat.output.text : (nestedText?.text ?? null),
        parseMode: flat.success ? flat.output.parseMode : (nestedText?.parseMode ?? null),
      };
    }
    default:
      return systemTypes.has(type) ? read(systemContentSchema) : unknown;
  }
}
