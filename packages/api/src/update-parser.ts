import * as v from "valibot";
import type { Api } from "./api.js";
import {
  CreatedChannel,
  CreatedFavoritesChat,
  CreatedGroupChat,
  CreatedPersonalChat,
} from "./events/chat-created-events.js";
import { ClearedChatHistory, EditedChatAvatar, EditedChatTitle, RemovedChat } from "./events/chat-events.js";
import { ChangedFileUploadLimits, UploadingProgress } from "./events/file-events.js";
import { Message } from "./events/message.js";
import { EditedMessage, RemovedMessage } from "./events/message-events.js";
import {
  AddedChatParticipant,
  ChangedParticipantRole,
  RemovedChatParticipant,
} from "./events/participant-events.js";
import { type RawUpdate, Update } from "./events/update.js";
import { chatSchema } from "./schemas/chat.js";
import { parseEnvelope } from "./schemas/envelope.js";
import {
  addedParticipantEventSchema,
  changedRoleEventSchema,
  clearedHistoryEventSchema,
  editedChatAvatarEventSchema,
  editedChatTitleEventSchema,
  editedMessageEventSchema,
  removedChatEventSchema,
  removedMessageEventSchema,
  removedParticipantEventSchema,
  uploadProgressEventSchema,
} from "./schemas/events.js";
import { uploadLimitsSchema } from "./schemas/responses.js";

/** Every typed event class, one per server push of PROTOCOL.md section 5. */
export type IncomingEvent =
  | Message
  | EditedMessage
  | RemovedMessage
  | AddedChatParticipant
  | RemovedChatParticipant
  | ChangedParticipantRole
  | CreatedPersonalChat
  | CreatedGroupChat
  | CreatedChannel
  | CreatedFavoritesChat
  | RemovedChat
  | EditedChatTitle
  | EditedChatAvatar
  | ClearedChatHistory
  | ChangedFileUploadLimits
  | UploadingProgress;

type Parser = (api: Api, payload: unknown) => IncomingEvent | undefined;

/** Builds a parser from a schema and the class its output feeds. */
function via<S extends v.GenericSchema, E extends IncomingEvent>(
  schema: S,
  make: (api: Api, output: v.InferOutput<S>) => E,
): Parser {
  return (api, payload) => {
    const result = v.safeParse(schema, payload);
    return result.success ? make(api, result.output) : undefined;
  };
}

/** Wire method → parser. The keys are exactly the 16 events of PROTOCOL.md section 5.1. */
const eventParsers: Readonly<Record<IncomingEvent["method"], Parser>> = {
  sendMessage: (api, payload) => {
    const envelope = parseEnvelope(payload);
    return envelope === null ? undefined : new Message(api, envelope);
  },
  editMessage: via(editedMessageEventSchema, (api, p) => new EditedMessage(api, p)),
  removeMessage: via(removedMessageEventSchema, (api, p) => new RemovedMessage(api, p)),
  addChatParticipant: via(addedParticipantEventSchema, (api, p) => new AddedChatParticipant(api, p)),
  removeChatParticipant: via(removedParticipantEventSchema, (api, p) => new RemovedChatParticipant(api, p)),
  changeParticipantRole: via(changedRoleEventSchema, (api, p) => new ChangedParticipantRole(api, p)),
  createP2PChat: via(chatSchema, (api, p) => new CreatedPersonalChat(api, p)),
  createGroupChat: via(chatSchema, (api, p) => new CreatedGroupChat(api, p)),
  createChannel: via(chatSchema, (api, p) => new CreatedChannel(api, p)),
  createFavoritesChat: via(chatSchema, (api, p) => new CreatedFavoritesChat(api, p)),
  removeChat: via(removedChatEventSchema, (api, p) => new RemovedChat(api, p)),
  editChatTitle: via(editedChatTitleEventSchema, (api, p) => new EditedChatTitle(api, p)),
  editChatAvatar: via(editedChatAvatarEventSchema, (api, p) => new EditedChatAvatar(api, p)),
  clearHistory: via(clearedHistoryEventSchema, (api, p) => new ClearedChatHistory(api, p)),
  getFileUploadLimits: via(uploadLimitsSchema, (api, p) => new ChangedFileUploadLimits(api, p)),
  uploadFileProgress: via(uploadProgressEventSchema, (api, p) => new UploadingProgress(api, p)),
};

/**
 * Turns a raw server push into its typed event, or into an {@link Update} when the method is unknown or the
 * payload does not have the documented shape. Never throws.
 */
export function parseUpdate(api: Api, raw: RawUpdate): IncomingEvent | Update {
  const update = new Update(raw);
  try {
    const parser = Object.hasOwn(eventParsers, update.method)
      ? eventParsers[update.method as IncomingEvent["method"]]
      : undefined;
    return parser?.(api, update.payload) ?? update;
  } catch {
    // A schema bug must not cost the bot its connection: the push is still delivered, raw.
    return update;
  }
}
