import { Dispatcher } from "../../../src/index.js";

// The default: one chat's events in order, chats concurrently, 64 events at once.
export const byChat = new Dispatcher();

// One sender's events in order across chats, at most 16 at once; the transport is paused above
// 500 waiting events and resumed when they are down to 250.
export const byUser = new Dispatcher({ concurrency: { key: "user", limit: 16 }, maxQueued: 500 });

// Your own key: upload progress unordered, everything else per chat.
export const custom = new Dispatcher({
  concurrency: { key: (event) => (event.method === "uploadFileProgress" ? undefined : event.chatId) },
});
