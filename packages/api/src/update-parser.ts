import * as v from "valibot";
import type { Api } from "./api.js";
import type { PushOrigin } from "./events/api-event.js";
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
import { envelopeSchema } from "./schemas/envelope.js";
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
import { describeIssues } from "./schemas/schema-issues.js";

/**
 * Each wire method of PROTOCOL.md section 5.1 and the class its push becomes, bound to `B` (an `Api` or a
 * subclass such as `Bot`).
 *
 * @example
 * function on<M extends IncomingMethod>(method: M, handler: (event: IncomingEventMap[M]) => void) { … }
 */
export interface IncomingEventMap<B extends Api = Api> {
  sendMessage: Message<B>;
  editMessage: EditedMessage<B>;
  removeMessage: RemovedMessage<B>;
  addChatParticipant: AddedChatParticipant<B>;
  removeChatParticipant: RemovedChatParticipant<B>;
  changeParticipantRole: ChangedParticipantRole<B>;
  createP2PChat: CreatedPersonalChat<B>;
  createGroupChat: CreatedGroupChat<B>;
  createChannel: CreatedChannel<B>;
  createFavoritesChat: CreatedFavoritesChat<B>;
  removeChat: RemovedChat<B>;
  editChatTitle: EditedChatTitle<B>;
  editChatAvatar: EditedChatAvatar<B>;
  clearHistory: ClearedChatHistory<B>;
  getFileUploadLimits: ChangedFileUploadLimits<B>;
  uploadFileProgress: UploadingProgress<B>;
}

/** The wire method of a push that has its own event class. */
export type IncomingMethod = keyof IncomingEventMap;

/**
 * Every typed event class, one per server push of PROTOCOL.md section 5; `event.method` tells them apart.
 *
 * @example
 * const event: IncomingEvent | Update = api.parseUpdate(raw);
 * if (event.method === "sendMessage") console.log(event.text); // event is a Message here
 */
export type IncomingEvent<B extends Api = Api> = IncomingEventMap<B>[IncomingMethod];

/** What parsing one payload gave: the event, or why its schema refused it. */
type Parsed = { readonly event: IncomingEvent<Api> } | { readonly issues: readonly string[] };

type Parser = (api: Api, payload: unknown, origin: PushOrigin) => Parsed;

/** Builds a parser from a schema and the class its output feeds. */
function via<S extends v.GenericSchema>(
  schema: S,
  make: (api: Api, output: v.InferOutput<S>, origin: PushOrigin) => IncomingEvent<Api>,
): Parser {
  return (api, payload, origin) => {
    const result = v.safeParse(schema, payload);
    return result.success
      ? { event: make(api, result.output, origin) }
      : { issues: describeIssues(result.issues) };
  };
}

/** Wire method → parser. The keys are exactly the 16 events of PROTOCOL.md section 5.1. */
const eventParsers: Readonly<Record<IncomingMethod, Parser>> = {
  sendMessage: via(envelopeSchema, (api, p, o) => new Message(api, p, o)),
  editMessage: via(editedMessageEventSchema, (api, p, o) => new EditedMessage(api, p, o)),
  removeMessage: via(removedMessageEventSchema, (api, p, o) => new RemovedMessage(api, p, o)),
  addChatParticipant: via(addedParticipantEventSchema, (api, p, o) => new AddedChatParticipant(api, p, o)),
  removeChatParticipant: via(
    removedParticipantEventSchema,
    (api, p, o) => new RemovedChatParticipant(api, p, o),
  ),
  changeParticipantRole: via(changedRoleEventSchema, (api, p, o) => new ChangedParticipantRole(api, p, o)),
  createP2PChat: via(chatSchema, (api, p, o) => new CreatedPersonalChat(api, p, o)),
  createGroupChat: via(chatSchema, (api, p, o) => new CreatedGroupChat(api, p, o)),
  createChannel: via(chatSchema, (api, p, o) => new CreatedChannel(api, p, o)),
  createFavoritesChat: via(chatSchema, (api, p, o) => new CreatedFavoritesChat(api, p, o)),
  removeChat: via(removedChatEventSchema, (api, p, o) => new RemovedChat(api, p, o)),
  editChatTitle: via(editedChatTitleEventSchema, (api, p, o) => new EditedChatTitle(api, p, o)),
  editChatAvatar: via(editedChatAvatarEventSchema, (api, p, o) => new EditedChatAvatar(api, p, o)),
  clearHistory: via(clearedHistoryEventSchema, (api, p, o) => new ClearedChatHistory(api, p, o)),
  getFileUploadLimits: via(uploadLimitsSchema, (api, p, o) => new ChangedFileUploadLimits(api, p, o)),
  uploadFileProgress: via(uploadProgressEventSchema, (api, p, o) => new UploadingProgress(api, p, o)),
};

/** Whether a wire method has its own event class. */
export function isIncomingMethod(method: unknown): method is IncomingMethod {
  return typeof method === "string" && Object.hasOwn(eventParsers, method);
}

/**
 * Turns a raw server push into its typed event, or into an {@link Update} when the method is unknown or the
 * payload does not have the documented shape (then with `issues`). `ack` acknowledges the push. Never throws.
 */
export function parseUpdate<B extends Api>(
  api: B,
  raw: RawUpdate,
  ack: (updateId: number) => void,
): IncomingEvent<B> | Update {
  const method: unknown = typeof raw === "object" && raw !== null ? raw.method : undefined;
  const updateId = typeof raw?.id === "number" ? raw.id : 0;
  const ackThis = () => ack(updateId);
  if (!isIncomingMethod(method)) return new Update(raw, { ack: ackThis });
  try {
    const parsed = eventParsers[method](api, raw.payload, { updateId, ack: ackThis });
    if ("event" in parsed) return parsed.event as IncomingEvent<B>;
    return new Update(raw, { issues: parsed.issues, ack: ackThis });
  } catch (error) {
    // A schema bug must not cost the bot its connection: the push is still delivered, raw.
    const reason = error instanceof Error ? error.name : typeof error;
    return new Update(raw, { issues: [`the ${method} parser failed (${reason})`], ack: ackThis });
  }
}
