/**
 * The frames of protocol-samples.md, the project's sample exchange with a TrueConf Server, as data: section A's
 * frame basics, section B's HTTP bodies, every client request of section C with its response, and every server
 * push of section D. All values are invented (server video.example.org, bot support_bot, users Alice and Boris).
 *
 * They are protocol data, not client schemas: the emulator's own tests compare its frames with them key by key,
 * and bot authors can feed them to their parsers in their own tests. The data is protocol-samples.json, generated
 * from the samples document by scripts/extract-protocol-samples.ts (a test fails while the two differ); this
 * module is the `@tc/emulator/protocol-samples` entry point, kept out of the main bundle.
 */
import samples from "./protocol-samples.json" with { type: "json" };

/** A request frame (`type` 1): a client call of section C, or a server push of sections A and D. */
export interface SampleRequestFrame {
  readonly type: 1;
  readonly id: number;
  readonly method: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** A response frame (`type` 2); the acknowledgement of a push has no payload, `getChats` answers with an array. */
export interface SampleResponseFrame {
  readonly type: 2;
  readonly id: number;
  readonly payload?: unknown;
}

/** The 32 client methods of PROTOCOL.md section 4, in its order. */
export type SampleMethodName =
  | "auth"
  | "sendMessage"
  | "editMessage"
  | "removeMessage"
  | "forwardMessage"
  | "getMessageById"
  | "getChatHistory"
  | "createP2PChat"
  | "createGroupChat"
  | "createChannel"
  | "createFavoritesChat"
  | "removeChat"
  | "getChats"
  | "getChatByID"
  | "addChatParticipant"
  | "removeChatParticipant"
  | "getChatParticipants"
  | "getChatParticipant"
  | "hasChatParticipant"
  | "changeParticipantRole"
  | "clearHistory"
  | "editChatTitle"
  | "editChatAvatar"
  | "getUserDisplayName"
  | "uploadFile"
  | "sendFile"
  | "getFileInfo"
  | "subscribeFileProgress"
  | "unsubscribeFileProgress"
  | "getFileUploadLimits"
  | "sendSurvey"
  | "editSurvey";

/** One client method of section C. */
export interface MethodSample {
  /** The request the client sends. */
  readonly request: SampleRequestFrame;
  /** The success response the server answers with. */
  readonly response: SampleResponseFrame;
  /** Further frames the samples show, in their order: error responses, other response shapes, other request forms. */
  readonly alternatives: readonly (SampleRequestFrame | SampleResponseFrame)[];
}

/** Every sample of protocol-samples.md; deeply frozen, so a test that changes one gets a `TypeError` instead of breaking the next test. */
export interface ProtocolSamples {
  /** Section A: a push, its acknowledgement, error responses with and without a description, the answer before `auth`. */
  readonly basics: {
    readonly event: SampleRequestFrame;
    readonly ack: SampleResponseFrame;
    readonly error: SampleResponseFrame;
    readonly errorWithDescription: SampleResponseFrame;
    readonly beforeAuth: SampleResponseFrame;
  };
  /** Section B: JSON bodies of the HTTP exchanges. */
  readonly http: {
    /** Body of `POST /bridge/api/client/v1/oauth/token`. */
    readonly tokenRequest: Readonly<Record<string, unknown>>;
    /** Its success body (status 201). */
    readonly tokenResponse: Readonly<Record<string, unknown>>;
    /** Its body for a wrong password (status 401). */
    readonly tokenError: Readonly<Record<string, unknown>>;
    /** Body of `GET /api/v4/server`. */
    readonly serverInfo: Readonly<Record<string, unknown>>;
    /** Body of `GET /api/v4/endpoints/connects` (the version fallback). */
    readonly connects: Readonly<Record<string, unknown>>;
    /** Success body of `POST /bridge/api/client/v1/files`. */
    readonly uploadResponse: Readonly<Record<string, unknown>>;
  };
  /** Section C: each client method's request, response and alternatives. */
  readonly methods: Readonly<Record<SampleMethodName, MethodSample>>;
  /** Section D in its order: eight `sendMessage` envelopes (types 200-204, one system envelope), E2-E16, and a push of an unknown method. */
  readonly events: readonly SampleRequestFrame[];
}

/** Freezes a JSON value and everything inside it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The sample frames of protocol-samples.md, ready to use as test fixtures.
 *
 * @example
 * ```ts
 * import { protocolSamples } from "@tc/emulator/protocol-samples";
 * const envelope = protocolSamples.events.find((f) => f.method === "sendMessage" && f.payload.type === 203);
 * const limits = protocolSamples.methods.getFileUploadLimits.response.payload;
 * ```
 */
export const protocolSamples: ProtocolSamples = deepFreeze(samples as unknown as ProtocolSamples);
