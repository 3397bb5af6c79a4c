/**
 * The frames of protocol-samples.md (sections C and D) as fixtures: request payloads, response payloads and
 * event payloads. The values are the samples' invented ones; tests compare shapes (keys and value types), never
 * ids. Generated once from the samples document; edit both together.
 */

/** Sample request and response payload of each client method (`auth` included for completeness). */
export const methodSamples: Record<string, { request: Record<string, unknown>; response: unknown }> = {
  auth: {
    request: {
      token:
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdXBwb3J0X2JvdEB2aWRlby5leGFtcGxlLm9yZyIsImlhdCI6MTc2NzcwMDAwMCwiZXhwIjoxNzcwMjkyMDAwfQ.hBZ0EsFuP0NtnLkVKtsWWz3r6AlRZ5c98PUl2y94vHo",
      tokenType: "JWT",
      receiveUnread: false,
      receiveSystemMessageEnvelopes: false,
    },
    response: {
      errorCode: 0,
      userId: "support_bot@video.example.org/80830e3b",
      connectionId: "ec750605-153e-49bd-bb18-9d87d42dbf86",
    },
  },
  sendMessage: {
    request: {
      chatId: "b394656fbd6eb0687939221c60c11018852eecac",
      replyMessageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
      content: {
        text: '<b>Build server</b> is up again, see <a href="https://ci.example.org/job/442">job 442</a>.',
        parseMode: "html",
      },
    },
    response: {
      chatId: "b394656fbd6eb0687939221c60c11018852eecac",
      messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
      timestamp: 1767712389410,
    },
  },
  editMessage: {
    request: {
      messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
      content: {
        text: "**Build server** is up again (job 442 passed).",
        parseMode: "markdown",
      },
    },
    response: {
      messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
      timestamp: 1767712402077,
    },
  },
  removeMessage: {
    request: {
      messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
      forAll: true,
    },
    response: {},
  },
  forwardMessage: {
    request: {
      messageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    },
    response: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      messageId: "a1e98136-674a-4da1-918a-219911c89250",
      timestamp: 1767712455903,
    },
  },
  getMessageById: {
    request: {
      messageId: "0db6003c-2fb3-4637-9977-e729a09f2180",
    },
    response: {
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
  getChatHistory: {
    request: {
      chatId: "b394656fbd6eb0687939221c60c11018852eecac",
      count: 2,
      fromMessageId: null,
    },
    response: {
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
  createP2PChat: {
    request: {
      userId: "b.ivanov@video.example.org",
    },
    response: {
      chatId: "4c2ef3cc6e78768f07569707cbd616f92def0f85",
    },
  },
  createGroupChat: {
    request: {
      title: "Incident 2026-01-06",
    },
    response: {
      chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
    },
  },
  createChannel: {
    request: {
      title: "Release notes",
    },
    response: {
      chatId: "e550b02ee586a063abc8502c81097cfdc52e5851",
    },
  },
  createFavoritesChat: {
    request: {},
    response: {
      chatId: "9935c34a733559d4976bc1ec697ac8bd6cdf5e3f",
    },
  },
  removeChat: {
    request: {
      chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
    },
    response: {},
  },
  getChats: {
    request: {
      count: 3,
      page: 1,
    },
    response: [
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
  getChatByID: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    },
    response: {
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
  addChatParticipant: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      userId: "alice.smirnova@video.example.org",
      displayHistory: true,
    },
    response: {},
  },
  removeChatParticipant: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      userId: "b.ivanov@video.example.org",
      clearHistory: false,
    },
    response: {},
  },
  getChatParticipants: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      pageSize: 50,
      pageNumber: 1,
    },
    response: {
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
  getChatParticipant: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      userId: "alice.smirnova@video.example.org",
    },
    response: {
      userId: "alice.smirnova@video.example.org",
      role: "user",
      type: 1,
    },
  },
  hasChatParticipant: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      userId: "b.ivanov@video.example.org",
    },
    response: {
      result: false,
    },
  },
  changeParticipantRole: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      userId: "alice.smirnova@video.example.org",
      role: "admin",
    },
    response: {},
  },
  clearHistory: {
    request: {
      chatId: "b394656fbd6eb0687939221c60c11018852eecac",
      forAll: false,
    },
    response: {},
  },
  editChatTitle: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      title: "Ops duty — Q1",
    },
    response: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      timestamp: 1767712733018,
    },
  },
  editChatAvatar: {
    request: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      temporalFileId: "3f1d9c2e-77a4-4b0b-a6c1-5d2e9b804c71",
    },
    response: {},
  },
  getUserDisplayName: {
    request: {
      userId: "b.ivanov@video.example.org",
    },
    response: {
      displayName: "Boris Ivanov",
    },
  },
  uploadFile: {
    request: {
      fileSize: 48213,
      fileName: "build-log.png",
    },
    response: {
      uploadTaskId: "101ddec5-61b4-48ef-aa20-36b9bc1f715d",
    },
  },
  sendFile: {
    request: {
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
    response: {
      chatId: "b394656fbd6eb0687939221c60c11018852eecac",
      messageId: "6d9d9b9b-b4d8-4a13-93be-9aeb5a117874",
      timestamp: 1767712810664,
      fileId: "28abb3380c69859bf3c05de6dcad2356dc56e375",
    },
  },
  getFileInfo: {
    request: {
      fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
    },
    response: {
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
  subscribeFileProgress: {
    request: {
      fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
    },
    response: {
      result: true,
    },
  },
  unsubscribeFileProgress: {
    request: {
      fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
    },
    response: {
      result: true,
    },
  },
  getFileUploadLimits: {
    request: {},
    response: {
      maxSize: 104857600,
      extensions: {
        mode: "block",
        list: ["exe", "bat", "cmd", "msi"],
      },
    },
  },
  sendSurvey: {
    request: {
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
    response: {
      chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
      messageId: "60cabfce-4280-48c1-81db-4031a59470e3",
      timestamp: 1767712901337,
    },
  },
  editSurvey: {
    request: {
      messageId: "60cabfce-4280-48c1-81db-4031a59470e3",
      content: {
        path: "oncall_feedback_q1",
        title: "On-call rotation feedback (closes Friday)",
        description: "{{Anonymous survey}}",
        buttonText: "{{Go to survey}}",
        alt: "📊 <a href='https://video.example.org/webtools/survey?id=oncall_feedback_q1&error=autologin_not_supported'>On-call rotation feedback (closes Friday)</a>",
      },
    },
    response: {
      messageId: "60cabfce-4280-48c1-81db-4031a59470e3",
      timestamp: 1767712955480,
    },
  },
};

/** Sample payload of each server event except `sendMessage`. */
export const eventSamples: Record<string, Record<string, unknown>> = {
  editMessage: {
    messageId: "5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10",
    chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    timestamp: 1767712810000,
    content: {
      text: "Who is on call tonight and tomorrow?",
      parseMode: "text",
    },
  },
  removeMessage: {
    chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    messageId: "5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10",
    removedBy: {
      id: "b.ivanov@video.example.org",
      type: 1,
    },
  },
  addChatParticipant: {
    timestamp: 1767712830120,
    chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    userId: "alice.smirnova@video.example.org",
    addedBy: {
      id: "b.ivanov@video.example.org",
      type: 1,
    },
  },
  removeChatParticipant: {
    timestamp: 1767712840990,
    chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    userId: "alice.smirnova@video.example.org",
    removedBy: {
      id: "b.ivanov@video.example.org",
      type: 1,
    },
  },
  changeParticipantRole: {
    timestamp: 1767712850450,
    role: "admin",
    chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    userId: "support_bot@video.example.org",
  },
  createP2PChat: {
    chatId: "4c2ef3cc6e78768f07569707cbd616f92def0f85",
    title: "Boris Ivanov",
    chatType: 1,
    lastMessage: null,
    unreadMessages: 0,
  },
  createGroupChat: {
    chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
    title: "Incident 2026-01-06",
    chatType: 2,
    lastMessage: null,
    unreadMessages: 0,
  },
  createChannel: {
    chatId: "e550b02ee586a063abc8502c81097cfdc52e5851",
    title: "Release notes",
    chatType: 6,
    lastMessage: null,
    unreadMessages: 0,
  },
  createFavoritesChat: {
    chatId: "9935c34a733559d4976bc1ec697ac8bd6cdf5e3f",
    title: null,
    chatType: 5,
    lastMessage: null,
    unreadMessages: 0,
  },
  removeChat: {
    chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
  },
  editChatTitle: {
    chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    title: "Ops duty — Q1",
  },
  editChatAvatar: {
    chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
    avatarUrl: "https://video.example.org/avatars/c273c883-v2.png",
  },
  clearHistory: {
    chatId: "b394656fbd6eb0687939221c60c11018852eecac",
    forAll: true,
  },
  getFileUploadLimits: {
    maxSize: 52428800,
    extensions: {
      mode: "allow",
      list: ["pdf", "png", "jpg", "jpeg", "webp", "txt", "zip"],
    },
  },
  uploadFileProgress: {
    fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
    progress: 18342,
  },
};

/** Sample `sendMessage` envelopes: text with mention, reply, attachment, sticker, forward, location, survey, system. */
export const envelopeSamples: Record<string, unknown>[] = [
  {
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
  {
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
  {
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
  {
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
  {
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
  {
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
  {
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
  {
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
];
