// The README's middleware example, verbatim but for the import of this package (readme.test.ts keeps them equal).
import { Emulator } from "@tc/emulator";
import { Transport } from "@tc/transport";
import { Api, autoRetry, rateLimiter } from "../src/index.js";

const emu = await Emulator.start();
const transport = new Transport({
  server: "127.0.0.1",
  port: emu.port,
  https: false,
  credentials: { username: "bot", password: "bot-password" },
});
const api = new Api(transport, { logger: console }).use(
  autoRetry({ maxRetries: 3, baseDelay: 200, maxDelay: 2_000 }), // reads only: get*, hasChatParticipant
  rateLimiter({ perChat: { limit: 1, interval: 100 } }), // at most one request per chat every 100 ms
);
await transport.start();

const chatId = emu.createChat({ type: "group", title: "Demo", owner: "bot", participants: ["alice"] });
for (const text of ["one", "two", "three"]) await api.sendMessage({ chatId, text, timeout: 2_000 });
const { messages } = await api.getChatHistory({ chatId, count: 10, signal: AbortSignal.timeout(5_000) });
console.log(messages.map((message) => message.text)); // [ 'three', 'two', 'one' ] or oldest first

await transport.stop();
await emu.stop();
