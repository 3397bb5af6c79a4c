import type { IncomingMethod } from "@tc/api";

/**
 * Observer name → the wire method it observes: the Python SDK's decorator names in camelCase. The one table
 * both the router's observers and `router.event(method)` are built from.
 */
export const observerMethods = {
  message: "sendMessage",
  editedMessage: "editMessage",
  removedMessage: "removeMessage",
  addedChatParticipant: "addChatParticipant",
  removedChatParticipant: "removeChatParticipant",
  changedParticipantRole: "changeParticipantRole",
  createdPersonalChat: "createP2PChat",
  createdGroupChat: "createGroupChat",
  createdChannel: "createChannel",
  createdFavoritesChat: "createFavoritesChat",
  removedChat: "removeChat",
  editedChatTitle: "editChatTitle",
  editedChatAvatar: "editChatAvatar",
  clearedChatHistory: "clearHistory",
  changedFileUploadLimits: "getFileUploadLimits",
  uploadingProgress: "uploadFileProgress",
} as const satisfies Record<string, IncomingMethod>;

/** The name of a typed observer (`message`, `editedMessage`, …). */
export type ObserverName = keyof typeof observerMethods;

const incomingMethods: ReadonlySet<string> = new Set(Object.values(observerMethods));

/** Whether `method` is one of the 16 pushes that have their own event class. */
export function isKnownMethod(method: string): method is IncomingMethod {
  return incomingMethods.has(method);
}

/**
 * The observer key of error observers. Not a wire method name (those are camelCase identifiers), so no push
 * can ever reach the error observers by its method.
 */
export const errorKey = "#error";
