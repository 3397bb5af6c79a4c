/**
 * Request throughput of the emulator against a baseline measured in the same run: a bare `ws` server that
 * answers every request with an empty payload. The ratio shows what sessions, logging and the world cost.
 */
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { Emulator } from "../src/index.js";

const requests = 20_000;
const inFlight = 100;

async function measure(
  url: string,
  prepare: (ws: WebSocket) => Promise<void>,
  payload: unknown,
): Promise<number> {
  const ws = new WebSocket(url, "json.v1");
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  await prepare(ws);
  let nextId = 1000;
  let answered = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as { type: number; id: number };
      if (frame.type === 1) {
        ws.send(JSON.stringify({ type: 2, id: frame.id }));
        return;
      }
      answered += 1;
      if (answered === requests) resolve();
      else if (nextId < 1000 + requests) send();
    });
    const send = () => {
      nextId += 1;
      ws.send(JSON.stringify({ type: 1, id: nextId, method: "sendMessage", payload }));
    };
    for (let i = 0; i < inFlight; i += 1) send();
  });
  const seconds = (performance.now() - started) / 1000;
  ws.close();
  return requests / seconds;
}

async function baseline(): Promise<number> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, handleProtocols: () => "json.v1" });
  await new Promise((resolve) => wss.once("listening", resolve));
  wss.on("connection", (ws) => {
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as { id: number };
      ws.send(JSON.stringify({ type: 2, id: frame.id, payload: {} }));
    });
  });
  const { port } = wss.address() as AddressInfo;
  const rate = await measure(`ws://127.0.0.1:${port}/`, async () => undefined, {});
  await new Promise((resolve) => wss.close(resolve));
  return rate;
}

async function emulator(): Promise<number> {
  const emu = await Emulator.start();
  const chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
  const token = emu.issueToken("bot");
  const rate = await measure(
    emu.wsUrl,
    (ws) =>
      new Promise<void>((resolve) => {
        ws.once("message", () => resolve());
        ws.send(JSON.stringify({ type: 1, id: 1, method: "auth", payload: { token, tokenType: "JWT" } }));
      }),
    { chatId, replyMessageId: null, content: { text: "bench", parseMode: "text" } },
  );
  await emu.stop();
  return rate;
}

const base = await baseline();
const emu = await emulator();
console.log(`bare ws server:        ${base.toFixed(0)} requests/s (baseline)`);
console.log(`emulator sendMessage:  ${emu.toFixed(0)} requests/s (${(emu / base).toFixed(2)}x baseline)`);
