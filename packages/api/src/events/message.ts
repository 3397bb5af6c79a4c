import type { InputFile } from "@tc/files";
import type { ParseMode } from "@tc/format";
import type { Api } from "../api.js";
import type { CallOptions } from "../call-options.js";
import { mentionsUser } from "../mention.js";
import type { MessageText } from "../method-options.js";
import type {
  LocationContent,
  MessageContent,
  MessageEnvelope,
  SurveyContent,
  SystemContent,
} from "../schemas/message-content.js";
import type {
  EmptyResponse,
  ForwardMessageResponse,
  SendFileResponse,
  SendMessageResponse,
} from "../schemas/responses.js";
import { requireOptions } from "../validation.js";
import { ApiEvent, type PushOrigin } from "./api-event.js";
import {
  type Attachment,
  Audio,
  attachmentClassFor,
  Document,
  Photo,
  Sticker,
  Video,
} from "./attachments.js";

/** Options of {@link Message.answer} and {@link Message.reply}. */
export interface AnswerOptions extends CallOptions {
  /** Defaults to HTML, as in the Python SDK's shortcuts (format nodes are rendered as HTML then). */
  parseMode?: ParseMode;
}

/** Options of the document shortcuts. */
export interface AnswerDocumentOptions extends CallOptions {
  /** Text shown under the file (≤ 4096 visible characters); a string or a format node. */
  caption?: MessageText;
  /** Parse mode of the caption; defaults to plain text. */
  parseMode?: ParseMode;
}

/** Options of the photo shortcuts. */
export interface AnswerPhotoOptions extends AnswerDocumentOptions {
  /** An image shown in the chat before the photo is opened. */
  preview?: InputFile;
}

const answerKeys = ["parseMode"] as const satisfies readonly (keyof AnswerOptions)[];
const documentKeys = ["caption", "parseMode"] as const satisfies readonly (keyof AnswerDocumentOptions)[];
const photoKeys = [...documentKeys, "preview"] as const satisfies readonly (keyof AnswerPhotoOptions)[];

/**
 * A message in a chat the bot belongs to (`sendMessage` push, `getMessageById`, history items). Bound to the Api
 * that produced it, so its shortcuts fill in the chat and message ids.
 *
 * @example
 * router.message(async (message) => {
 *   if (message.mention) await message.reply("You called?");
 *   if (message.document) await message.document.download({ destPath: `./inbox/${message.document.name}` });
 * });
 */
export class Message<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "sendMessage" as const;
  readonly messageId: string;
  readonly chatId: string;
  /** Unix time in milliseconds. */
  readonly timestamp: number;
  /** A {@link MessageType} value (or a newer server's number; its content is then `kind: "unknown"`). */
  readonly type: number;
  readonly author: MessageEnvelope["author"];
  /** The author's TrueConf ID (`author.id`). */
  readonly fromUserId: string;
  readonly box: MessageEnvelope["box"];
  readonly isEdited: boolean;
  readonly replyMessageId: string | null;
  readonly content: MessageContent;

  constructor(api: B, envelope: MessageEnvelope, origin?: PushOrigin) {
    super(api, origin);
    this.messageId = envelope.messageId;
    this.chatId = envelope.chatId;
    this.timestamp = envelope.timestamp;
    this.type = envelope.type;
    this.author = envelope.author;
    this.fromUserId = envelope.author.id;
    this.box = envelope.box;
    this.isEdited = envelope.isEdited;
    this.replyMessageId = envelope.replyMessageId;
    this.content = envelope.content;
  }

  /** The author (same as `author`). */
  get fromUser(): MessageEnvelope["author"] {
    return this.author;
  }

  /** The envelope type (same as `type`). */
  get contentType(): number {
    return this.type;
  }

  /** The text of a plain text message, else `undefined`. */
  get text(): string | undefined {
    return this.content.kind === "text" ? this.content.text : undefined;
  }

  /** The parse mode of a plain text message as sent, else `undefined`. */
  get parseMode(): string | undefined {
    return this.content.kind === "text" ? this.content.parseMode : undefined;
  }

  /** Whether the text mentions the bot (HTML or Markdown mention of its id, any case or suffix) or `@all`. */
  get mention(): boolean {
    return this.text !== undefined && mentionsUser(this.text, this.api.meId);
  }

  /** A non-media file (not a photo, video, audio or sticker). */
  get document(): Document | undefined {
    return this.#attachment(Document);
  }

  /** An image attachment. */
  get photo(): Photo | undefined {
    return this.#attachment(Photo);
  }

  /** A video attachment. */
  get video(): Video | undefined {
    return this.#attachment(Video);
  }

  /** An audio attachment. */
  get audio(): Audio | undefined {
    return this.#attachment(Audio);
  }

  /** A sticker attachment. */
  get sticker(): Sticker | undefined {
    return this.#attachment(Sticker);
  }

  /** The forwarded message when it arrived as a nested envelope, else `undefined`. */
  get forwarded(): Message<B> | undefined {
    return this.content.kind === "forwarded" && this.content.envelope !== null
      ? new Message(this.api, this.content.envelope)
      : undefined;
  }

  /** The content of a LOCATION message. */
  get location(): LocationContent | undefined {
    return this.content.kind === "location" ? this.content : undefined;
  }

  /** The content of a SURVEY message. */
  get survey(): SurveyContent | undefined {
    return this.content.kind === "survey" ? this.content : undefined;
  }

  /** The content of a system notice (participant added, title changed, …). */
  get system(): SystemContent | undefined {
    return this.content.kind === "system" ? this.content : undefined;
  }

  /**
   * Sends a text to this chat: a string or a `@tc/format` node. Parse mode defaults to HTML.
   *
   * @example
   * await message.answer("<b>Done</b>");
   * await message.answer(Text("Hello, ", Bold(message.fromUserId)));
   */
  async answer(text: MessageText, options: AnswerOptions = {}): Promise<SendMessageResponse> {
    const o = requireOptions("answer options", options, answerKeys);
    return this.api.sendMessage({ ...o, chatId: this.chatId, text, parseMode: o.parseMode ?? "html" });
  }

  /**
   * Sends a text to this chat as a reply to this message. Parse mode defaults to HTML.
   *
   * @example
   * await message.reply("On it.");
   */
  async reply(text: MessageText, options: AnswerOptions = {}): Promise<SendMessageResponse> {
    const o = requireOptions("reply options", options, answerKeys);
    return this.api.replyMessage({
      ...o,
      chatId: this.chatId,
      messageId: this.messageId,
      text,
      parseMode: o.parseMode ?? "html",
    });
  }

  /**
   * Forwards this message to another chat.
   *
   * @example
   * await message.forward(opsChatId);
   */
  async forward(chatId: string, options: CallOptions = {}): Promise<ForwardMessageResponse> {
    return this.api.forwardMessage({
      ...requireOptions("forward options", options, []),
      chatId,
      messageId: this.messageId,
    });
  }

  /**
   * Sends this message's text, with its parse mode, to another chat as a new message. Only text messages can be
   * copied; for anything else it resolves to `null` and sends nothing.
   *
   * @example
   * await message.copyTo(archiveChatId);
   */
  async copyTo(chatId: string, options: CallOptions = {}): Promise<SendMessageResponse | null> {
    const call = requireOptions("copyTo options", options, []);
    if (this.content.kind !== "text") return null;
    return this.api.sendMessage({
      ...call,
      chatId,
      text: this.content.text,
      parseMode: this.#copyParseMode(),
    });
  }

  /**
   * Sends a file to this chat.
   *
   * @example
   * await message.answerDocument(new FSInputFile("report.pdf"), { caption: "The report" });
   */
  async answerDocument(file: InputFile, options: AnswerDocumentOptions = {}): Promise<SendFileResponse> {
    return this.api.sendDocument({
      ...requireOptions("answerDocument options", options, documentKeys),
      chatId: this.chatId,
      file,
    });
  }

  /**
   * Sends a photo to this chat.
   *
   * @example
   * await message.answerPhoto(new FSInputFile("chart.png"), { preview: new FSInputFile("chart.webp") });
   */
  async answerPhoto(file: InputFile, options: AnswerPhotoOptions = {}): Promise<SendFileResponse> {
    return this.api.sendPhoto({
      ...requireOptions("answerPhoto options", options, photoKeys),
      chatId: this.chatId,
      file,
    });
  }

  /**
   * Sends a WebP sticker to this chat.
   *
   * @example
   * await message.answerSticker(new FSInputFile("thumbs-up.webp"));
   */
  async answerSticker(file: InputFile, options: CallOptions = {}): Promise<SendFileResponse> {
    return this.api.sendSticker({
      ...requireOptions("answerSticker options", options, []),
      chatId: this.chatId,
      file,
    });
  }

  /**
   * Sends a file to this chat as a reply to this message.
   *
   * @example
   * await message.replyDocument(new FSInputFile("log.txt"));
   */
  async replyDocument(file: InputFile, options: AnswerDocumentOptions = {}): Promise<SendFileResponse> {
    return this.api.sendDocument({
      ...requireOptions("replyDocument options", options, documentKeys),
      chatId: this.chatId,
      file,
      replyMessageId: this.messageId,
    });
  }

  /**
   * Sends a photo to this chat as a reply to this message.
   *
   * @example
   * await message.replyPhoto(new FSInputFile("chart.png"));
   */
  async replyPhoto(file: InputFile, options: AnswerPhotoOptions = {}): Promise<SendFileResponse> {
    return this.api.sendPhoto({
      ...requireOptions("replyPhoto options", options, photoKeys),
      chatId: this.chatId,
      file,
      replyMessageId: this.messageId,
    });
  }

  /**
   * Sends a WebP sticker to this chat as a reply to this message.
   *
   * @example
   * await message.replySticker(new FSInputFile("ok.webp"));
   */
  async replySticker(file: InputFile, options: CallOptions = {}): Promise<SendFileResponse> {
    return this.api.sendSticker({
      ...requireOptions("replySticker options", options, []),
      chatId: this.chatId,
      file,
      replyMessageId: this.messageId,
    });
  }

  /**
   * Removes this message, for the bot only or (`forAll`) for everyone.
   *
   * @example
   * await message.delete({ forAll: true });
   */
  async delete(options: { forAll?: boolean } & CallOptions = {}): Promise<EmptyResponse> {
    return this.api.removeMessage({
      ...requireOptions("delete options", options, ["forAll"]),
      messageId: this.messageId,
    });
  }

  /**
   * Forwards this message to the bot's Favorites chat, or (`copy`) sends a copy of its text there. A copy of a
   * message without text resolves to `null`.
   *
   * @example
   * await message.saveToFavorites({ copy: true });
   */
  async saveToFavorites(
    options: { copy?: boolean } & CallOptions = {},
  ): Promise<SendMessageResponse | ForwardMessageResponse | null> {
    const { copy, ...call } = requireOptions("saveToFavorites options", options, ["copy"]);
    const favorites = await this.api.meChat();
    return copy ? this.copyTo(favorites, call) : this.forward(favorites, call);
  }

  #copyParseMode(): ParseMode {
    const mode = this.parseMode;
    return mode === "markdown" || mode === "html" ? mode : "text";
  }

  #attachment<T extends Attachment>(kind: new (api: Api, content: never) => T): T | undefined {
    if (this.content.kind !== "attachment" || attachmentClassFor(this.content.mimeType) !== kind)
      return undefined;
    return new kind(this.api, this.content as never);
  }
}
