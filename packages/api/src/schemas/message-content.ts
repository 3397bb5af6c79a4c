import * as v from "valibot";
import { MessageType } from "../enums/message-type.js";
import { nullableString, roleSchema } from "./common.js";

const textContentSchema = v.looseObject({ text: v.string(), parseMode: v.optional(v.string(), "text") });

const attachmentContentSchema = v.pipe(
  v.looseObject({
    name: v.optional(v.string(), ""),
    size: v.optional(v.number(), 0),
    fileId: v.optional(v.string()),
    infoHash: v.optional(v.string()),
    mimeType: v.nullish(v.string()),
    readyState: v.optional(v.number()),
  }),
  v.check((c) => typeof (c.fileId ?? c.infoHash) === "string", "an attachment needs fileId or infoHash"),
);

const locationContentSchema = v.looseObject({
  latitude: v.number(),
  longitude: v.number(),
  title: nullableString,
  description: nullableString,
});

const surveyContentSchema = v.looseObject({
  url: v.string(),
  title: v.string(),
  path: v.optional(v.string()),
  description: v.optional(v.string()),
  buttonText: v.optional(v.string()),
  appVersion: v.optional(v.number()),
  secret: v.optional(v.string()),
  alt: v.optional(v.string()),
});

const systemContentSchema = v.looseObject({
  userId: v.optional(v.string()),
  role: v.optional(roleSchema),
  title: v.optional(v.string()),
  avatarUrl: v.optional(v.string()),
});

/** Text of a PLAIN_MESSAGE (200). `parseMode` is kept as sent, even when it is not a known mode. */
export interface TextContent {
  readonly kind: "text";
  readonly text: string;
  readonly parseMode: string;
}

/** A file of an ATTACHMENT (202). `fileId` is also read from the older `infoHash` key. */
export interface AttachmentContent {
  readonly kind: "attachment";
  readonly name: string;
  readonly size: number;
  readonly fileId: string;
  readonly mimeType: string;
  /** A {@link FileReadyState} value, or `undefined` when the server did not say. */
  readonly readyState: number | undefined;
}

/** A LOCATION (203). Sources disagree on `title` vs `description`; both are read, either may be `null`. */
export interface LocationContent {
  readonly kind: "location";
  readonly latitude: number;
  readonly longitude: number;
  readonly title: string | null;
  readonly description: string | null;
}

/** A SURVEY (204): the same fields as `sendSurvey` content. */
export interface SurveyContent {
  readonly kind: "survey";
  readonly url: string;
  readonly title: string;
  readonly path: string | undefined;
  readonly description: string | undefined;
  readonly buttonText: string | undefined;
  readonly appVersion: number | undefined;
  readonly secret: string | undefined;
  readonly alt: string | undefined;
}

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
export interface SystemContent {
  readonly kind: "system";
  readonly userId: string | undefined;
  readonly role: string | undefined;
  readonly title: string | undefined;
  readonly avatarUrl: string | undefined;
  readonly raw: Readonly<Record<string, unknown>>;
}

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
  readonly author: { readonly id: string; readonly type: number };
  readonly box: {
    readonly id: number | string | undefined;
    readonly position: string | number | undefined;
  } | null;
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
  switch (type) {
    case MessageType.PLAIN_MESSAGE: {
      const r = v.safeParse(textContentSchema, content);
      return r.success ? { kind: "text", text: r.output.text, parseMode: r.output.parseMode } : unknown;
    }
    case MessageType.ATTACHMENT: {
      const r = v.safeParse(attachmentContentSchema, content);
      if (!r.success) return unknown;
      const c = r.output;
      return {
        kind: "attachment",
        name: c.name,
        size: c.size,
        fileId: (c.fileId ?? c.infoHash) as string,
        mimeType: c.mimeType ?? "",
        readyState: c.readyState,
      };
    }
    case MessageType.LOCATION: {
      const r = v.safeParse(locationContentSchema, content);
      if (!r.success) return unknown;
      const { latitude, longitude, title, description } = r.output;
      return { kind: "location", latitude, longitude, title, description };
    }
    case MessageType.SURVEY: {
      const r = v.safeParse(surveyContentSchema, content);
      if (!r.success) return unknown;
      const { url, title, path, description, buttonText, appVersion, secret, alt } = r.output;
      return { kind: "survey", url, title, path, description, buttonText, appVersion, secret, alt };
    }
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
    default: {
      if (!systemTypes.has(type)) return unknown;
      const r = v.safeParse(systemContentSchema, content);
      if (!r.success) return unknown;
      const { userId, role, title, avatarUrl } = r.output;
      return { kind: "system", userId, role, title, avatarUrl, raw: r.output };
    }
  }
}
