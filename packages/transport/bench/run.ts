/**
 * Benchmark: @tc/transport against a raw `ws` client on one in-process echo server.
 * Prints round-trip latency (p50, p99) and pipelined throughput at 1, 16 and 256 requests in flight, each as a
 * ratio to the raw client measured in the same run. Targets: p50 ≤ 1.10 × raw, throughput ≥ 0.85 × raw.
 * Run with `pnpm bench`.
 */
import { Transport } from "../src/index.js";
import { startEchoServer } from "./echo-server.js";
import { RawClient } from "./raw-client.js";

type Requester = (method: string, payload: object) => Promise<unknown>;

const payload = { chatId: "b394656fbd6eb0687939221c60c11018852eecac", content: { text: "ping", parseMode: "text" } };
const latencySamples = 4000;
const throughputRequests = 20_000;
const rounds = 5;

function jwt(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none" })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600 })}.bench`;
}

async function latency(request: Requester): Promise<{ p50: number; p99: number }> {
  const samples = new Float64Array(latencySamples);
  for (let i = 0; i < latencySamples; i += 1) {
    const start = process.hrtime.bigint();
    await request("sendMessage", payload);
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  return { p50: samples[Math.floor(latencySamples * 0.5)] ?? 0, p99: samples[Math.floor(latencySamples * 0.99)] ?? 0 };
}

async function throughput(request: Requester, inFlight: number): Promise<number> {
  let issued = 0;
  const start = process.hrtime.bigint();
  const lane = async () => {
    while (issued < throughputRequests) {
      issued += 1;
      await request("sendMessage", payload);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return throughputRequests / (Number(process.hrtime.bigint() - start) / 1e9);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const server = await startEchoServer();
  const token = jwt();
  const raw = await RawClient.connect(`ws://127.0.0.1:${server.port}/websocket/chat_bot/`, token);
  const transport = new Transport({ server: "127.0.0.1", port: server.port, https: false, token, timeout: 30_000 });
  await transport.start();
  const clients: Record<"raw" | "ours", Requester> = {
    raw: (method, body) => raw.request(method, body),
    ours: (method, body) => transport.request(method, body),
  };

  // Warm both up so that JIT tiers are equal before measuring.
  for (const request of Object.values(clients)) {
    await latency(request);
    await throughput(request, 16);
  }

  const results: Record<string, { raw: number[]; ours: number[] }> = {};
  const record = (name: string, who: "raw" | "ours", value: number) => {
    results[name] ??= { raw: [], ours: [] };
    results[name][who].push(value);
  };
  // Alternate the clients each round so drift in machine load hits both alike.
  for (let round = 0; round < rounds; round += 1) {
    for (const who of round % 2 === 0 ? (["raw", "ours"] as const) : (["ours", "raw"] as const)) {
      const { p50, p99 } = await latency(clients[who]);
      record("latency p50 (µs)", who, p50);
      record("latency p99 (µs)", who, p99);
      for (const inFlight of [1, 16, 256]) record(`throughput ${inFlight} in flight (req/s)`, who, await throughput(clients[who], inFlight));
    }
  }

  console.log(`@tc/transport vs raw ws, median of ${rounds} rounds (node ${process.version})`);
  console.log("metric                              raw        ours     ratio  target");
  for (const [name, { raw: r, ours: o }] of Object.entries(results)) {
    const rawValue = median(r);
    const ourValue = median(o);
    const isLatency = name.startsWith("latency");
    const target = name === "latency p50 (µs)" ? "≤ 1.10" : isLatency ? "" : "≥ 0.85";
    console.log(
      `${name.padEnd(34)}${rawValue.toFixed(1).padStart(9)}${ourValue.toFixed(1).padStart(12)}${(ourValue / rawValue).toFixed(3).padStart(10)}  ${target}`,
    );
  }

  raw.close();
  await transport.stop();
  await server.close();
}

await main();
