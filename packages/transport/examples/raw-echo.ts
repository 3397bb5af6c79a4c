import { Emulator } from "@tc/emulator";
import { ApiErrorException, ConnectionLostError, Transport } from "@tc/transport";

const emu = await Emulator.start(); // a local TrueConf Server stand-in on 127.0.0.1, random port
const transport = new Transport({
  server: "127.0.0.1",
  port: emu.port,
  https: false,
  credentials: { username: "bot", password: "bot-password" },
});

transport.on("state", (health) => console.log("state:", health.status, health.error ?? ""));

// Echo every incoming text message (updates arrive already acked).
const echoed = new Promise<void>((resolve) => {
  transport.on("update", async ({ method, payload }) => {
    if (method !== "sendMessage") return;
    const { chatId, content, author } = payload as {
      chatId: string;
      content: { text: string };
      author: { id: string };
    };
    if (author.id.startsWith("bot@")) return; // our own message coming back
    try {
      const reply = {
        chatId,
        replyMessageId: null,
        content: { text: `echo: ${content.text}`, parseMode: "text" },
      };
      const { messageId } = await transport.request<{ messageId: string }>("sendMessage", reply);
      console.log("replied with", messageId);
    } catch (error) {
      if (error instanceof ConnectionLostError)
        console.warn("connection lost; it may have been sent:", error.message);
      else if (error instanceof ApiErrorException) console.warn("server refused:", error.code, error.detail);
      else console.error(error);
    }
    resolve();
  });
});

await transport.start();
console.log("authorised as", transport.session?.userId);

const chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
await emu.as("alice").send(chatId, "hello");
await echoed;

await transport.stop();
await emu.stop();
