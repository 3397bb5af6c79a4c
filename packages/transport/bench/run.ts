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

const payload = {
  chatId: "b394656fbd6eb0687939221c60c11018852eecac",
  content: { text: "ping", parseMode: "text" },
};
/** Short alternating runs, paired raw/ours, so that load from other processes hits both sides alike. */
const pairs = 15;
const latencySamples = 600;
const throughputRequests = 4000;

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
  return {
    p50: samples[Math.floor(latencySamples * 0.5)] ?? 0,
    p99: samples[Math.floor(latencySamples * 0.99)] ?? 0,
  };
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

type Metric = { name: string; target: string; measure: (request: Requester) => Promise<number[]> };

async function main(): Promise<void> {
  const server = await startEchoServer();
  const token = jwt();
  const raw = await RawClient.connect(`ws://127.0.0.1:${server.port}/websocket/chat_bot/`, token);
  const transport = new Transport({
    server: "127.0.0.1",
    port: server.port,
    https: false,
    token,
    timeout: 30_000,
  });
  await transport.start();
  const clients = {
    raw: (method: string, body: object) => raw.request(method, body),
    ours: (method: string, body: object) => transport.request(method, body),
  };

  // Warm both up so that JIT tiers are equal before measuring.
  for (const request of [clients.raw, clients.ours, clients.raw, clients.ours]) {
    await latency(request);
    await throughput(request, 256);
  }

  const metrics: Metric[] = [
    {
      name: "latency p50/p99 (µs)",
      target: "p50 ≤ 1.10",
      measure: async (request) => Object.values(await latency(request)),
    },
    ...[1, 16, 256].map((inFlight) => ({
      name: `throughput ${inFlight} in flight (req/s)`,
      target: "≥ 0.85",
      measure: async (request: Requester) => [await throughput(request, inFlight)],
    })),
  ];

  console.log(`@tc/transport vs raw ws: medians over ${pairs} alternating pairs (node ${process.version})`);
  console.log("metric                               raw        ours   ratio (median of pair ratios)  target");
  for (const metric of metrics) {
    const rawValues: number[][] = [];
    const ourValues: number[][] = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      if (pair % 2 === 0) {
        rawValues.push(await metric.measure(clients.raw));
        ourValues.push(await metric.measure(clients.ours));
      } else {
        ourValues.push(await metric.measure(clients.ours));
        rawValues.push(await metric.measure(clients.raw));
      }
    }
    const columns = rawValues[0]?.length ?? 0;
    for (let column = 0; column < columns; column += 1) {
      const r = rawValues.map((v) => v[column] ?? 0);
      const o = ourValues.map((v) => v[column] ?? 0);
      const ratio = median(o.map((value, i) => value / (r[i] ?? 1)));
      const label = columns > 1 ? metric.name.replace("p50/p99", column === 0 ? "p50" : "p99") : metric.name;
      const target = columns > 1 && column > 0 ? "" : metric.target;
      console.log(
        `${label.padEnd(34)}${median(r).toFixed(1).padStart(9)}${median(o).toFixed(1).padStart(12)}${ratio.toFixed(3).padStart(10)}${"".padEnd(24)}${target}`,
      );
    }
  }

  raw.close();
  await transport.stop();
  await server.close();
}

await main();
