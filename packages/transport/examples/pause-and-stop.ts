import { Emulator } from "@tc/emulator";
import { Transport } from "@tc/transport";

const emu = await Emulator.start();
const transport = new Transport({
  server: "127.0.0.1",
  port: emu.port,
  https: false,
  credentials: { username: "bot", password: "bot-password" },
});
const chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });

const texts: string[] = [];
transport.on("update", ({ method, payload }) => {
  const { content, author } = payload as { content: { text: string }; author: { id: string } };
  if (method === "sendMessage" && !author.id.startsWith("bot@")) texts.push(content.text);
});
await transport.start();

// Busy: hold new events (they are still read and acked), while requests keep being answered.
transport.pause();
await emu.as("alice").send(chatId, "one");
await emu.as("alice").send(chatId, "two");
await transport.request("getChats", { count: 10, page: 1 });
console.log(`paused: ${transport.paused}, held: ${transport.heldUpdates}, emitted: ${texts.length}`);

transport.resume(); // the held events are emitted now, in arrival order
console.log(`emitted: ${texts.join(", ")}`);

// Graceful stop: requests already made get up to 5 s to finish; new ones are refused at once.
const reply = transport.request<{ messageId: string }>("sendMessage", {
  chatId,
  replyMessageId: null,
  content: { text: "bye", parseMode: "text" },
});
await transport.stop({ deadline: 5_000 });
console.log(`reply delivered: ${typeof (await reply).messageId === "string"}`);
await transport.request("getChats").catch((error: Error) => console.log(`after stop: ${error.name}`));
await emu.stop();
