// The README's example, verbatim but for the import of this package (readme.test.ts keeps the two equal).
import { Emulator } from "@tc/emulator";
import { Bold, Text } from "@tc/format";
import { Transport } from "@tc/transport";
import { Api, ParseMode } from "../src/index.js";

const emu = await Emulator.start(); // seeded: bot "bot"/"bot-password", users alice, bob, carol
const transport = new Transport({
  server: "127.0.0.1",
  port: emu.port,
  https: false,
  credentials: { username: "bot", password: "bot-password" },
});
const api = new Api(transport);

let pong: Promise<unknown> | undefined;
api.on("event", (event) => {
  // Each push arrives parsed once: a typed event, or a raw Update. Comparing `method` narrows the type.
  if (event.method === "sendMessage" && event.text === "/ping") pong = event.reply(Text(Bold("pong")));
});
await transport.start();

const chatId = emu.createChat({ type: "group", title: "Demo", owner: "bot", participants: ["alice"] });
await api.sendMessage({ chatId, text: "**Hello**", parseMode: ParseMode.MARKDOWN });
await emu.as("alice").send(chatId, "/ping");
console.log(await emu.waitFor(() => pong)); // { chatId, messageId, timestamp }

api.close();
await transport.stop();
await emu.stop();
