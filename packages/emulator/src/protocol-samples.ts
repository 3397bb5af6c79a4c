/**
 * The frames of protocol-samples.md, the project's sample exchange with a TrueConf Server, as data: section A's
 * frame basics, section B's HTTP bodies, every client request of section C with its response, and every server
 * push of section D. All values are invented (server video.example.org, bot support_bot, users Alice and Boris).
 *
 * They are protocol data, not client schemas: the emulator's own tests compare its frames with them key by key,
 * and bot authors can feed them to their parsers in their own tests. Transcribed once from the samples document;
 * when the document changes, change this file with it.
 */

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
 * import { protocolSamples } from "@tc/emulator";
 * const envelope = protocolSamples.events.find((f) => f.method === "sendMessage" && f.payload.type === 203);
 * const limits = protocolSamples.methods.getFileUploadLimits.response.payload;
 * ```
 */
export const protocolSamples: ProtocolSamples = deepFreeze({
  basics: {
    event: {
      type: 1,
      id: 5731,
      method: "sendMessage",
      payload: {
        messageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
        chatId: "b394656fbd6eb0687939221c60c11018852eecac",
        timestamp: 1767712345123,
        isEdited: false,
        type: 200,
        author: {
          id: "alice.smirnova@video.example.org",
          type: 1,
        },
        box: {
          id: 412,
          position: "412",
        },
        content: {
          text: "Hi! Is the build server down?",
          parseMode: "text",
        },
      },
    },
    ack: {
      type: 2,
      id: 5731,
    },
    error: {
      type: 2,
      id: 17,
      payload: {
        errorCode: 304,
      },
    },
    errorWithDescription: {
      type: 2,
      id: 17,
      payload: {
        errorCode: 304,
        errorDescription: "chat not found",
      },
    },
    beforeAuth: {
      type: 2,
      id: 1,
      payload: {
        errorCode: 200,
      },
    },
  },
  http: {
    tokenRequest: {
      client_id: "chat_bot",
      grant_type: "password",
      username: "support_bot",
      password: "S3cure-Pa55",
    },
    tokenResponse: {
      access_token:
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdXBwb3J0X2JvdEB2aWRlby5leGFtcGxlLm9yZyIsImlhdCI6MTc2NzcwMDAwMCwiZXhwIjoxNzcwMjkyMDAwfQ.hBZ0EsFuP0NtnLkVKtsWWz3r6AlRZ5c98PUl2y94vHo",
      token_type: "JWT",
      expires_in: 2592000,
      expires_at: 1770292000,
    },
    tokenError: {
      error: "invalid_grant",
      error_description: "Invalid username or password",
    },
    serverInfo: {
      product: {
        version: "5.5.3",
        display_name: "video.example.org",
      },
    },
    connects: {
      connects: ["video.example.org:4307"],
    },
    uploadResponse: {
      temporalFileId: "b5c5cf56-c42d-407b-9b26-45c838e3a925",
    },
  },
  methods: {
    auth: {
      request: {
        type: 1,
        id: 1,
        method: "auth",
        payload: {
          token:
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdXBwb3J0X2JvdEB2aWRlby5leGFtcGxlLm9yZyIsImlhdCI6MTc2NzcwMDAwMCwiZXhwIjoxNzcwMjkyMDAwfQ.hBZ0EsFuP0NtnLkVKtsWWz3r6AlRZ5c98PUl2y94vHo",
          tokenType: "JWT",
          receiveUnread: false,
          receiveSystemMessageEnvelopes: false,
        },
      },
      response: {
        type: 2,
        id: 1,
        payload: {
          errorCode: 0,
          userId: "support_bot@video.example.org/80830e3b",
          connectionId: "ec750605-153e-49bd-bb18-9d87d42dbf86",
        },
      },
      alternatives: [
        {
          type: 2,
          id: 1,
          payload: {
            errorCode: 203,
          },
        },
      ],
    },
    sendMessage: {
      request: {
        type: 1,
        id: 2,
        method: "sendMessage",
        payload: {
          chatId: "b394656fbd6eb0687939221c60c11018852eecac",
          replyMessageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
          content: {
            text: '<b>Build server</b> is up again, see <a href="https://ci.example.org/job/442">job 442</a>.',
            parseMode: "html",
          },
        },
      },
      response: {
        type: 2,
        id: 2,
        payload: {
          chatId: "b394656fbd6eb0687939221c60c11018852eecac",
          messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
          timestamp: 1767712389410,
        },
      },
      alternatives: [],
    },
    editMessage: {
      request: {
        type: 1,
        id: 3,
        method: "editMessage",
        payload: {
          messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
          content: {
            text: "**Build server** is up again (job 442 passed).",
            parseMode: "markdown",
          },
        },
      },
      response: {
        type: 2,
        id: 3,
        payload: {
          messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
          timestamp: 1767712402077,
        },
      },
      alternatives: [],
    },
    removeMessage: {
      request: {
        type: 1,
        id: 4,
        method: "removeMessage",
        payload: {
          messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
          forAll: true,
        },
      },
      response: {
        type: 2,
        id: 4,
        payload: {},
      },
      alternatives: [],
    },
    forwardMessage: {
      request: {
        type: 1,
        id: 5,
        method: "forwardMessage",
        payload: {
          messageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        },
      },
      response: {
        type: 2,
        id: 5,
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          messageId: "a1e98136-674a-4da1-918a-219911c89250",
          timestamp: 1767712455903,
        },
      },
      alternatives: [],
    },
    getMessageById: {
      request: {
        type: 1,
        id: 6,
        method: "getMessageById",
        payload: {
          messageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
        },
      },
      response: {
        type: 2,
        id: 6,
        payload: {
          messageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
          chatId: "b394656fbd6eb0687939221c60c11018852eecac",
          timestamp: 1767712345123,
          type: 200,
          author: {
            id: "alice.smirnova@video.example.org",
            type: 1,
          },
          box: {
            id: 412,
            position: "412",
          },
          isEdited: false,
          content: {
            text: "Hi! Is the build server down?",
            parseMode: "text",
          },
        },
      },
      alternatives: [],
    },
    getChatHistory: {
      request: {
        type: 1,
        id: 7,
        method: "getChatHistory",
        payload: {
          chatId: "b394656fbd6eb0687939221c60c11018852eecac",
          count: 2,
          fromMessageId: null,
        },
      },
      response: {
        type: 2,
        id: 7,
        payload: {
          count: 2,
          chatId: "b394656fbd6eb0687939221c60c11018852eecac",
          messages: [
            {
              messageId: "8ab8c4aa-bfb3-4741-8b60-46fcb54538ba",
              chatId: "b394656fbd6eb0687939221c60c11018852eecac",
              timestamp: 1767712501220,
              type: 202,
              author: {
                id: "alice.smirnova@video.example.org",
                type: 1,
              },
              box: {
                id: 414,
                position: "414",
              },
              isEdited: false,
              content: {
                name: "error-trace.txt",
                size: 18342,
                fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
                mimeType: "text/plain",
                readyState: 2,
              },
            },
            {
              messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
              chatId: "b394656fbd6eb0687939221c60c11018852eecac",
              timestamp: 1767712389410,
              type: 200,
              author: {
                id: "support_bot@video.example.org",
                type: 1,
              },
              box: {
                id: 413,
                position: "413",
              },
              isEdited: true,
              replyMessageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
              content: {
                text: "**Build server** is up again (job 442 passed).",
                parseMode: "markdown",
              },
            },
          ],
        },
      },
      alternatives: [],
    },
    createP2PChat: {
      request: {
        type: 1,
        id: 8,
        method: "createP2PChat",
        payload: {
          userId: "b.ivanov@video.example.org",
        },
      },
      response: {
        type: 2,
        id: 8,
        payload: {
          chatId: "4c2ef3cc6e78768f07569707cbd616f92def0f85",
        },
      },
      alternatives: [],
    },
    createGroupChat: {
      request: {
        type: 1,
        id: 9,
        method: "createGroupChat",
        payload: {
          title: "Incident 2026-01-06",
        },
      },
      response: {
        type: 2,
        id: 9,
        payload: {
          chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
        },
      },
      alternatives: [],
    },
    createChannel: {
      request: {
        type: 1,
        id: 10,
        method: "createChannel",
        payload: {
          title: "Release notes",
        },
      },
      response: {
        type: 2,
        id: 10,
        payload: {
          chatId: "e550b02ee586a063abc8502c81097cfdc52e5851",
        },
      },
      alternatives: [],
    },
    createFavoritesChat: {
      request: {
        type: 1,
        id: 11,
        method: "createFavoritesChat",
        payload: {},
      },
      response: {
        type: 2,
        id: 11,
        payload: {
          chatId: "9935c34a733559d4976bc1ec697ac8bd6cdf5e3f",
        },
      },
      alternatives: [],
    },
    removeChat: {
      request: {
        type: 1,
        id: 12,
        method: "removeChat",
        payload: {
          chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
        },
      },
      response: {
        type: 2,
        id: 12,
        payload: {},
      },
      alternatives: [],
    },
    getChats: {
      request: {
        type: 1,
        id: 13,
        method: "getChats",
        payload: {
          count: 3,
          page: 1,
        },
      },
      response: {
        type: 2,
        id: 13,
        payload: [
          {
            chatId: "b394656fbd6eb0687939221c60c11018852eecac",
            title: "Alice Smirnova",
            chatType: 1,
            unreadMessages: 0,
            avatarUrl: null,
            lastMessage: {
              messageId: "8ab8c4aa-bfb3-4741-8b60-46fcb54538ba",
              timestamp: 1767712501220,
              author: {
                id: "alice.smirnova@video.example.org",
                type: 1,
              },
              type: 202,
              content: {
                name: "error-trace.txt",
                size: 18342,
                fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
                mimeType: "text/plain",
                readyState: 2,
              },
            },
          },
          {
            chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
            title: "Ops duty",
            chatType: 2,
            unreadMessages: 3,
            avatarUrl: "https://video.example.org/avatars/c273c883.png",
            lastMessage: null,
          },
          {
            chatId: "9935c34a733559d4976bc1ec697ac8bd6cdf5e3f",
            title: "Favorites",
            chatType: 5,
            unreadMessages: 0,
          },
        ],
      },
      alternatives: [],
    },
    getChatByID: {
      request: {
        type: 1,
        id: 14,
        method: "getChatByID",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        },
      },
      response: {
        type: 2,
        id: 14,
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          title: "Ops duty",
          chatType: 2,
          unreadMessages: 3,
          avatarUrl: "https://video.example.org/avatars/c273c883.png",
          lastMessage: {
            messageId: "5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10",
            timestamp: 1767712600512,
            author: {
              id: "b.ivanov@video.example.org",
              type: 1,
            },
            type: 200,
            content: {
              text: "Who is on call tonight?",
              parseMode: "text",
            },
          },
        },
      },
      alternatives: [],
    },
    addChatParticipant: {
      request: {
        type: 1,
        id: 15,
        method: "addChatParticipant",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          userId: "alice.smirnova@video.example.org",
          displayHistory: true,
        },
      },
      response: {
        type: 2,
        id: 15,
        payload: {},
      },
      alternatives: [],
    },
    removeChatParticipant: {
      request: {
        type: 1,
        id: 16,
        method: "removeChatParticipant",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          userId: "b.ivanov@video.example.org",
          clearHistory: false,
        },
      },
      response: {
        type: 2,
        id: 16,
        payload: {},
      },
      alternatives: [],
    },
    getChatParticipants: {
      request: {
        type: 1,
        id: 17,
        method: "getChatParticipants",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          pageSize: 50,
          pageNumber: 1,
        },
      },
      response: {
        type: 2,
        id: 17,
        payload: {
          participants: [
            {
              userId: "support_bot@video.example.org",
              role: "owner",
            },
            {
              userId: "b.ivanov@video.example.org",
              role: "admin",
            },
            {
              userId: "alice.smirnova@video.example.org",
              role: "user",
            },
          ],
        },
      },
      alternatives: [],
    },
    getChatParticipant: {
      request: {
        type: 1,
        id: 18,
        method: "getChatParticipant",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          userId: "alice.smirnova@video.example.org",
        },
      },
      response: {
        type: 2,
        id: 18,
        payload: {
          userId: "alice.smirnova@video.example.org",
          role: "user",
          type: 1,
        },
      },
      alternatives: [
        {
          type: 2,
          id: 18,
          payload: {
            errorCode: 305,
          },
        },
      ],
    },
    hasChatParticipant: {
      request: {
        type: 1,
        id: 19,
        method: "hasChatParticipant",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          userId: "b.ivanov@video.example.org",
        },
      },
      response: {
        type: 2,
        id: 19,
        payload: {
          result: false,
        },
      },
      alternatives: [],
    },
    changeParticipantRole: {
      request: {
        type: 1,
        id: 20,
        method: "changeParticipantRole",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          userId: "alice.smirnova@video.example.org",
          role: "admin",
        },
      },
      response: {
        type: 2,
        id: 20,
        payload: {},
      },
      alternatives: [],
    },
    clearHistory: {
      request: {
        type: 1,
        id: 21,
        method: "clearHistory",
        payload: {
          chatId: "b394656fbd6eb0687939221c60c11018852eecac",
          forAll: false,
        },
      },
      response: {
        type: 2,
        id: 21,
        payload: {},
      },
      alternatives: [],
    },
    editChatTitle: {
      request: {
        type: 1,
        id: 22,
        method: "editChatTitle",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          title: "Ops duty — Q1",
        },
      },
      response: {
        type: 2,
        id: 22,
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          timestamp: 1767712733018,
        },
      },
      alternatives: [],
    },
    editChatAvatar: {
      request: {
        type: 1,
        id: 23,
        method: "editChatAvatar",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          temporalFileId: "3f1d9c2e-77a4-4b0b-a6c1-5d2e9b804c71",
        },
      },
      response: {
        type: 2,
        id: 23,
        payload: {},
      },
      alternatives: [],
    },
    getUserDisplayName: {
      request: {
        type: 1,
        id: 24,
        method: "getUserDisplayName",
        payload: {
          userId: "b.ivanov@video.example.org",
        },
      },
      response: {
        type: 2,
        id: 24,
        payload: {
          displayName: "Boris Ivanov",
        },
      },
      alternatives: [],
    },
    uploadFile: {
      request: {
        type: 1,
        id: 25,
        method: "uploadFile",
        payload: {
          fileSize: 48213,
          fileName: "build-log.png",
        },
      },
      response: {
        type: 2,
        id: 25,
        payload: {
          uploadTaskId: "101ddec5-61b4-48ef-aa20-36b9bc1f715d",
        },
      },
      alternatives: [
        {
          type: 2,
          id: 25,
          payload: {
            errorCode: 310,
          },
        },
      ],
    },
    sendFile: {
      request: {
        type: 1,
        id: 26,
        method: "sendFile",
        payload: {
          chatId: "b394656fbd6eb0687939221c60c11018852eecac",
          replyMessageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
          content: {
            temporalFileId: "b5c5cf56-c42d-407b-9b26-45c838e3a925",
            caption: {
              text: "Screenshot of the failing stage",
              parseMode: "text",
            },
          },
        },
      },
      response: {
        type: 2,
        id: 26,
        payload: {
          chatId: "b394656fbd6eb0687939221c60c11018852eecac",
          messageId: "6d9d9b9b-b4d8-4a13-93be-9aeb5a117874",
          timestamp: 1767712810664,
          fileId: "28abb3380c69859bf3c05de6dcad2356dc56e375",
        },
      },
      alternatives: [
        {
          type: 1,
          id: 26,
          method: "sendFile",
          payload: {
            chatId: "b394656fbd6eb0687939221c60c11018852eecac",
            content: {
              temporalFileId: "b5c5cf56-c42d-407b-9b26-45c838e3a925",
            },
          },
        },
      ],
    },
    getFileInfo: {
      request: {
        type: 1,
        id: 27,
        method: "getFileInfo",
        payload: {
          fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
        },
      },
      response: {
        type: 2,
        id: 27,
        payload: {
          name: "error-trace.txt",
          size: 18342,
          mimeType: "text/plain",
          readyState: 2,
          fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
          downloadUrl:
            "https://video.example.org/bridge/files/f3eeab4a6f5bdb92e043b9078b7fa90d0a826636/error-trace.txt",
          previews: null,
        },
      },
      alternatives: [
        {
          type: 2,
          id: 27,
          payload: {
            name: "site-photo.jpg",
            size: 2811408,
            mimeType: "image/jpeg",
            readyState: 1,
            infoHash: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
            downloadUrl: null,
            previews: [
              {
                name: "site-photo_preview.webp",
                size: 24190,
                mimeType: "image/webp",
                downloadUrl:
                  "https://video.example.org/bridge/files/f3eeab4a6f5bdb92e043b9078b7fa90d0a826636/preview",
              },
            ],
          },
        },
      ],
    },
    subscribeFileProgress: {
      request: {
        type: 1,
        id: 28,
        method: "subscribeFileProgress",
        payload: {
          fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
        },
      },
      response: {
        type: 2,
        id: 28,
        payload: {
          result: true,
        },
      },
      alternatives: [],
    },
    unsubscribeFileProgress: {
      request: {
        type: 1,
        id: 29,
        method: "unsubscribeFileProgress",
        payload: {
          fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
        },
      },
      response: {
        type: 2,
        id: 29,
        payload: {
          result: true,
        },
      },
      alternatives: [],
    },
    getFileUploadLimits: {
      request: {
        type: 1,
        id: 30,
        method: "getFileUploadLimits",
        payload: {},
      },
      response: {
        type: 2,
        id: 30,
        payload: {
          maxSize: 104857600,
          extensions: {
            mode: "block",
            list: ["exe", "bat", "cmd", "msi"],
          },
        },
      },
      alternatives: [
        {
          type: 2,
          id: 30,
          payload: {
            maxSize: null,
            extensions: null,
          },
        },
      ],
    },
    sendSurvey: {
      request: {
        type: 1,
        id: 31,
        method: "sendSurvey",
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          replyMessageId: null,
          content: {
            url: "https://video.example.org/webtools/survey",
            appVersion: 1,
            path: "oncall_feedback_q1",
            title: "On-call rotation feedback",
            description: "{{Anonymous survey}}",
            buttonText: "{{Go to survey}}",
            secret: "6f1e0b9d2c4a8e7f3b5d1c9a0e2f4b6d8a1c3e5f",
            alt: "📊 <a href='https://video.example.org/webtools/survey?id=oncall_feedback_q1&error=autologin_not_supported'>On-call rotation feedback</a>",
          },
        },
      },
      response: {
        type: 2,
        id: 31,
        payload: {
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          messageId: "60cabfce-4280-48c1-81db-4031a59470e3",
          timestamp: 1767712901337,
        },
      },
      alternatives: [],
    },
    editSurvey: {
      request: {
        type: 1,
        id: 32,
        method: "editSurvey",
        payload: {
          messageId: "60cabfce-4280-48c1-81db-4031a59470e3",
          content: {
            path: "oncall_feedback_q1",
            title: "On-call rotation feedback (closes Friday)",
            description: "{{Anonymous survey}}",
            buttonText: "{{Go to survey}}",
            alt: "📊 <a href='https://video.example.org/webtools/survey?id=oncall_feedback_q1&error=autologin_not_supported'>On-call rotation feedback (closes Friday)</a>",
          },
        },
      },
      response: {
        type: 2,
        id: 32,
        payload: {
          messageId: "60cabfce-4280-48c1-81db-4031a59470e3",
          timestamp: 1767712955480,
        },
      },
      alternatives: [],
    },
  },
  events: [
    {
      type: 1,
      id: 5732,
      method: "sendMessage",
      payload: {
        messageId: "5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10",
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        timestamp: 1767712600512,
        isEdited: false,
        type: 200,
        author: {
          id: "b.ivanov@video.example.org",
          type: 1,
        },
        box: {
          id: 88,
          position: "88",
        },
        content: {
          text: '<a href="trueconf:support_bot@video.example.org">Support Bot</a> who is on call tonight?',
          parseMode: "html",
        },
      },
    },
    {
      type: 1,
      id: 5733,
      method: "sendMessage",
      payload: {
        messageId: "c0a7f3e2-1b9d-4e6a-8f25-7d4c3b2a1e90",
        chatId: "b394656fbd6eb0687939221c60c11018852eecac",
        timestamp: 1767712640001,
        isEdited: false,
        replyMessageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
        type: 200,
        author: {
          id: "alice.smirnova@video.example.org",
          type: 1,
        },
        box: {
          id: 415,
          position: "415",
        },
        content: {
          text: "/status ci-main",
          parseMode: "text",
        },
      },
    },
    {
      type: 1,
      id: 5734,
      method: "sendMessage",
      payload: {
        messageId: "8ab8c4aa-bfb3-4741-8b60-46fcb54538ba",
        chatId: "b394656fbd6eb0687939221c60c11018852eecac",
        timestamp: 1767712501220,
        isEdited: false,
        type: 202,
        author: {
          id: "alice.smirnova@video.example.org",
          type: 1,
        },
        box: {
          id: 414,
          position: "414",
        },
        content: {
          name: "error-trace.txt",
          size: 18342,
          fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
          mimeType: "text/plain",
          readyState: 1,
        },
      },
    },
    {
      type: 1,
      id: 5735,
      method: "sendMessage",
      payload: {
        messageId: "d4b8e1f6-2c3a-4a97-b0e5-91f7c6d2a3b4",
        chatId: "b394656fbd6eb0687939221c60c11018852eecac",
        timestamp: 1767712655540,
        isEdited: false,
        type: 202,
        author: {
          id: "alice.smirnova@video.example.org",
          type: 1,
        },
        box: {
          id: 416,
          position: "416",
        },
        content: {
          name: "thumbs_up.webp",
          size: 21404,
          fileId: "7a9c2e4f6b8d0a1c3e5f7b9d1f3a5c7e9b1d3f5a",
          mimeType: "sticker/webp",
          readyState: 2,
        },
      },
    },
    {
      type: 1,
      id: 5736,
      method: "sendMessage",
      payload: {
        messageId: "a1e98136-674a-4da1-918a-219911c89250",
        chatId: "b394656fbd6eb0687939221c60c11018852eecac",
        timestamp: 1767712700777,
        isEdited: false,
        type: 201,
        author: {
          id: "alice.smirnova@video.example.org",
          type: 1,
        },
        box: {
          id: 417,
          position: "417",
        },
        content: {
          messageId: "5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10",
          chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
          timestamp: 1767712600512,
          isEdited: false,
          type: 200,
          author: {
            id: "b.ivanov@video.example.org",
            type: 1,
          },
          box: {
            id: 88,
            position: "88",
          },
          content: {
            text: "Who is on call tonight?",
            parseMode: "text",
          },
        },
      },
    },
    {
      type: 1,
      id: 5737,
      method: "sendMessage",
      payload: {
        messageId: "a0d3c243-af3b-42ba-812c-a2fbd1b38440",
        chatId: "b394656fbd6eb0687939221c60c11018852eecac",
        timestamp: 1767712720140,
        isEdited: false,
        type: 203,
        author: {
          id: "alice.smirnova@video.example.org",
          type: 1,
        },
        box: {
          id: 418,
          position: "418",
        },
        content: {
          latitude: 59.93863,
          longitude: 30.31413,
          title: "Data centre, gate 3",
        },
      },
    },
    {
      type: 1,
      id: 5738,
      method: "sendMessage",
      payload: {
        messageId: "0f6e2d1c-3b4a-4c5d-8e9f-a0b1c2d3e4f5",
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        timestamp: 1767712760300,
        isEdited: false,
        type: 204,
        author: {
          id: "b.ivanov@video.example.org",
          type: 1,
        },
        box: {
          id: 90,
          position: "90",
        },
        content: {
          url: "https://video.example.org/webtools/survey",
          appVersion: 1,
          path: "lunch_poll",
          title: "Team lunch on Friday?",
          description: "{{Survey}}",
          buttonText: "{{Go to survey}}",
          secret: "0c9e8d7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d",
          alt: "📊 <a href='https://video.example.org/webtools/survey?id=lunch_poll&error=autologin_not_supported'>Team lunch on Friday?</a>",
        },
      },
    },
    {
      type: 1,
      id: 5739,
      method: "sendMessage",
      payload: {
        messageId: "e7d6c5b4-a392-4810-b7f6-e5d4c3b2a190",
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        timestamp: 1767712780000,
        isEdited: false,
        type: 21,
        author: {
          id: "b.ivanov@video.example.org",
          type: 0,
        },
        box: {
          id: 91,
          position: "91",
        },
        content: {
          title: "Ops duty — Q1",
        },
      },
    },
    {
      type: 1,
      id: 5740,
      method: "editMessage",
      payload: {
        messageId: "5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10",
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        timestamp: 1767712810000,
        content: {
          text: "Who is on call tonight and tomorrow?",
          parseMode: "text",
        },
      },
    },
    {
      type: 1,
      id: 5741,
      method: "removeMessage",
      payload: {
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        messageId: "5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10",
        removedBy: {
          id: "b.ivanov@video.example.org",
          type: 1,
        },
      },
    },
    {
      type: 1,
      id: 5742,
      method: "addChatParticipant",
      payload: {
        timestamp: 1767712830120,
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        userId: "alice.smirnova@video.example.org",
        addedBy: {
          id: "b.ivanov@video.example.org",
          type: 1,
        },
      },
    },
    {
      type: 1,
      id: 5743,
      method: "removeChatParticipant",
      payload: {
        timestamp: 1767712840990,
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        userId: "alice.smirnova@video.example.org",
        removedBy: {
          id: "b.ivanov@video.example.org",
          type: 1,
        },
      },
    },
    {
      type: 1,
      id: 5744,
      method: "changeParticipantRole",
      payload: {
        timestamp: 1767712850450,
        role: "admin",
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        userId: "support_bot@video.example.org",
      },
    },
    {
      type: 1,
      id: 5745,
      method: "createP2PChat",
      payload: {
        chatId: "4c2ef3cc6e78768f07569707cbd616f92def0f85",
        title: "Boris Ivanov",
        chatType: 1,
        lastMessage: null,
        unreadMessages: 0,
      },
    },
    {
      type: 1,
      id: 5746,
      method: "createGroupChat",
      payload: {
        chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
        title: "Incident 2026-01-06",
        chatType: 2,
        lastMessage: null,
        unreadMessages: 0,
      },
    },
    {
      type: 1,
      id: 5747,
      method: "createChannel",
      payload: {
        chatId: "e550b02ee586a063abc8502c81097cfdc52e5851",
        title: "Release notes",
        chatType: 6,
        lastMessage: null,
        unreadMessages: 0,
      },
    },
    {
      type: 1,
      id: 5748,
      method: "createFavoritesChat",
      payload: {
        chatId: "9935c34a733559d4976bc1ec697ac8bd6cdf5e3f",
        title: null,
        chatType: 5,
        lastMessage: null,
        unreadMessages: 0,
      },
    },
    {
      type: 1,
      id: 5749,
      method: "removeChat",
      payload: {
        chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
      },
    },
    {
      type: 1,
      id: 5750,
      method: "editChatTitle",
      payload: {
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        title: "Ops duty — Q1",
      },
    },
    {
      type: 1,
      id: 5751,
      method: "editChatAvatar",
      payload: {
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        avatarUrl: "https://video.example.org/avatars/c273c883-v2.png",
      },
    },
    {
      type: 1,
      id: 5752,
      method: "clearHistory",
      payload: {
        chatId: "b394656fbd6eb0687939221c60c11018852eecac",
        forAll: true,
      },
    },
    {
      type: 1,
      id: 5753,
      method: "getFileUploadLimits",
      payload: {
        maxSize: 52428800,
        extensions: {
          mode: "allow",
          list: ["pdf", "png", "jpg", "jpeg", "webp", "txt", "zip"],
        },
      },
    },
    {
      type: 1,
      id: 5754,
      method: "uploadFileProgress",
      payload: {
        fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
        progress: 18342,
      },
    },
    {
      type: 1,
      id: 5755,
      method: "someFutureEvent",
      payload: {
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      },
    },
  ],
} satisfies ProtocolSamples);
