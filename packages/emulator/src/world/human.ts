import { Readable } from "node:stream";
import { EmulatorConfigError } from "../errors.js";
import {
  clearHistory,
  createChat,
  createP2PChat,
  editChatAvatar,
  editChatTitle,
  removeChat,
} from "./chat-methods.js";
import type { ParseMode } from "./envelopes.js";
import { WorldErrorCode } from "./error-codes.js";
import { type FileBytes, sendFile } from "./file-methods.js";
import {
  editText,
  forwardMessage,
  removeMessage,
  requirePostTarget,
  sendLocation,
  sendText,
} from "./message-methods.js";
import { addParticipant, changeRole, removeParticipant } from "./participant-methods.js";
import type { ChatParticipantRole } from "./roles.js";
import { type SurveyContent, sendSurvey } from "./survey-methods.js";
import { textFromControl } from "./text-content.js";
import { uploadRejection } from "./upload-limits.js";
import type { StoredFile } from "./world-contract.js";
import type { WorldCore } from "./world-core.js";
import { WorldRequestError } from "./world-request-error.js";

/** A text as the simulated human writes it: plain, or with a parse mode. */
export type HumanText = string | { text: string; parseMode?: ParseMode };

/** A file the simulated human sends. */
export interface HumanFile {
  name: string;
  data: Uint8Array;
  /** Default `application/octet-stream`. */
  mimeType?: string;
  /** Preview image bytes (stored as `preview.webp`, `image/webp`). */
  preview?: Uint8Array;
  /** `false` = the file is still uploading until `finishUpload` (default `true`). */
  ready?: boolean;
  caption?: HumanText;
  /** Reply to this message of the same chat. */
  replyMessageId?: string;
}

/**
 * A simulated TrueConf user (`world.as("alice")`). Every action goes through the same code as the bot API, so it
 * is checked the same way (a refusal rejects with {@link WorldRequestError} carrying the wire code) and produces
 * the same events for the bot accounts concerned.
 *
 * @example
 * const alice = world.as("alice");
 * const { messageId } = await alice.send(chatId, "Hi bot!");
 * await alice.edit(messageId, "Hi, bot!");
 */
export class Human {
  /** @internal Created by `World.as`. */
  constructor(
    private readonly core: WorldCore,
    /** The user's full id (`login@serverName`). */
    readonly userId: string,
  ) {}

  /** Post a plain message. */
  async send(chatId: string, text: HumanText): Promise<{ messageId: string }> {
    const message = sendText(this.core, this.userId, { chatId, content: textFromControl(text) });
    return { messageId: message.messageId };
  }

  /** Post a reply to a message of the same chat. */
  async reply(chatId: string, replyMessageId: string, text: HumanText): Promise<{ messageId: string }> {
    const message = sendText(this.core, this.userId, {
      chatId,
      content: textFromControl(text),
      replyMessageId,
    });
    return { messageId: message.messageId };
  }

  /** Send a file (an ATTACHMENT envelope), optionally with a preview, a caption, or still uploading. */
  async sendFile(chatId: string, file: HumanFile): Promise<{ messageId: string; fileId: string }> {
    checkFile(file);
    const rejection = uploadRejection(this.core.limits, file.name, file.data.byteLength);
    if (rejection) throw new WorldRequestError(WorldErrorCode.UPLOAD_REJECTED, rejection);
    const caption = file.caption === undefined ? undefined : textFromControl(file.caption);
    requirePostTarget(this.core, this.userId, chatId, file.replyMessageId);
    const bytes = await this.store(file.data, file.name, file.mimeType, file.preview);
    const sent = sendFile(this.core, this.userId, {
      chatId,
      takeBytes: () => bytes,
      ready: file.ready ?? true,
      caption,
      replyMessageId: file.replyMessageId,
    });
    return { messageId: sent.message.messageId, fileId: sent.file.fileId };
  }

  /** Share a location (a LOCATION envelope). */
  async sendLocation(
    chatId: string,
    location: { latitude: number; longitude: number; title: string; description?: string },
  ): Promise<{ messageId: string }> {
    return { messageId: sendLocation(this.core, this.userId, { chatId, ...location }).messageId };
  }

  /** Post a survey (a SURVEY envelope). */
  async sendSurvey(chatId: string, content: SurveyContent): Promise<{ messageId: string }> {
    return { messageId: sendSurvey(this.core, this.userId, { chatId, content }).messageId };
  }

  /** Edit one of the user's own text messages. */
  async edit(messageId: string, text: HumanText): Promise<void> {
    editText(this.core, this.userId, messageId, textFromControl(text));
  }

  /** Remove a message for the user only, or for everyone. */
  async remove(messageId: string, options: { forAll?: boolean } = {}): Promise<void> {
    removeMessage(this.core, this.userId, messageId, options.forAll ?? false);
  }

  /** Forward a message into another chat. */
  async forward(messageId: string, toChatId: string): Promise<{ messageId: string }> {
    return { messageId: forwardMessage(this.core, this.userId, messageId, toChatId).messageId };
  }

  /** Open (or find) the P2P chat with another user. */
  async createP2PChat(user: string): Promise<string> {
    return createP2PChat(this.core, this.userId, user).chatId;
  }

  /** Create a group chat owned by the user, with these members. */
  async createGroupChat(title: string, participants: string[] = []): Promise<string> {
    return this.createMultiUserChat("group", title, participants);
  }

  /** Create a channel owned by the user, with these members (as plain users; make writers with `changeRole`). */
  async createChannel(title: string, participants: string[] = []): Promise<string> {
    return this.createMultiUserChat("channel", title, participants);
  }

  /** Add a member to a group chat or channel. */
  async addParticipant(
    chatId: string,
    user: string,
    options: { displayHistory?: boolean } = {},
  ): Promise<void> {
    addParticipant(this.core, this.userId, { chatId, user, displayHistory: options.displayHistory ?? false });
  }

  /** Remove a member (or leave, when `user` is the user itself). */
  async removeParticipant(chatId: string, user: string): Promise<void> {
    removeParticipant(this.core, this.userId, { chatId, user });
  }

  /** Change a member's role; the role may be given as a string or as its number. */
  async changeRole(chatId: string, user: string, role: ChatParticipantRole | number): Promise<void> {
    changeRole(this.core, this.userId, { chatId, user, role });
  }

  /** Rename a group chat or channel. */
  async editTitle(chatId: string, title: string): Promise<void> {
    editChatTitle(this.core, this.userId, chatId, checkTitleInput(title));
  }

  /** Set a chat's avatar from image bytes. */
  async editAvatar(
    chatId: string,
    data: Uint8Array,
    options: { name?: string; mimeType?: string } = {},
  ): Promise<void> {
    if (!(data instanceof Uint8Array)) throw new EmulatorConfigError("avatar data must be a Uint8Array");
    this.core.chats.requireMembership(chatId, this.userId);
    const bytes = await this.store(
      data,
      options.name ?? "avatar.png",
      options.mimeType ?? "image/png",
      undefined,
    );
    editChatAvatar(this.core, this.userId, chatId, () => bytes);
  }

  /** Clear a chat's history for the user only, or for everyone. */
  async clearHistory(chatId: string, options: { forAll?: boolean } = {}): Promise<void> {
    clearHistory(this.core, this.userId, chatId, options.forAll ?? false);
  }

  /** Remove a chat. */
  async removeChat(chatId: string): Promise<void> {
    removeChat(this.core, this.userId, chatId);
  }

  private createMultiUserChat(kind: "group" | "channel", title: string, participants: string[]): string {
    if (!Array.isArray(participants)) throw new EmulatorConfigError("participants must be an array of users");
    const members = participants.map((user) => this.core.accounts.require(user).userId);
    return createChat(this.core, { kind, title: checkTitleInput(title), owner: this.userId, members }).chatId;
  }

  private async store(
    data: Uint8Array,
    name: string,
    mimeType: string | undefined,
    preview: Uint8Array | undefined,
  ): Promise<FileBytes> {
    const storage = this.core.storage;
    const file = await storage.store(Readable.from([Buffer.from(data)]), {
      name,
      mimeType: mimeType ?? "application/octet-stream",
    });
    const previewFile: StoredFile | undefined =
      preview === undefined
        ? undefined
        : await storage.store(Readable.from([Buffer.from(preview)]), {
            name: "preview.webp",
            mimeType: "image/webp",
          });
    return { file, preview: previewFile };
  }
}

function checkTitleInput(title: string): string {
  if (typeof title !== "string" || title.length === 0) {
    throw new WorldRequestError(WorldErrorCode.MALFORMED, "title must be a non-empty string");
  }
  return title;
}

function checkFile(file: HumanFile): void {
  if (typeof file !== "object" || file === null) throw new EmulatorConfigError("the file must be an object");
  if (typeof file.name !== "string" || file.name.length === 0 || /[/\\]/.test(file.name)) {
    throw new EmulatorConfigError("file name must be a non-empty string without slashes");
  }
  if (!(file.data instanceof Uint8Array)) throw new EmulatorConfigError("file data must be a Uint8Array");
  if (
    file.replyMessageId !== undefined &&
    (typeof file.replyMessageId !== "string" || file.replyMessageId === "")
  ) {
    throw new EmulatorConfigError("replyMessageId must be a non-empty string");
  }
  if (file.preview !== undefined && !(file.preview instanceof Uint8Array)) {
    throw new EmulatorConfigError("file preview must be a Uint8Array");
  }
}
