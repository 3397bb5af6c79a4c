/**
 * Upload and download of a generated stream (1 GiB by default; BENCH_BYTES overrides) against a local
 * server in another process. For each direction it prints the client's peak RSS growth and its
 * throughput as a ratio to piping the same bytes with node:stream to the same server. Then an upload
 * of a declared 1 GiB to a server that never reads: how much of the source was pulled, and the RSS.
 *
 *   pnpm bench            (in packages/files)
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { get as httpGet, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { downloadFile, StreamInputFile, TransferTimeoutError, uploadFile } from "../src/index.js";
import { generatedBytes } from "./generated-bytes.js";

const BYTES = Number(process.env.BENCH_BYTES ?? 1024 ** 3);
const ROUNDS = 7;
const MiB = 1024 * 1024;

interface Measured {
  seconds: number;
  peakRssGrowth: number;
}

/** Runs `work` while sampling RSS; reports the time and the peak RSS above the level at the start. */
async function measure(work: () => Promise<void>): Promise<Measured> {
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds: (performance.now() - started) / 1000, peakRssGrowth: peak - startRss };
}

/**
 * Runs baseline and SDK rounds alternately (so that load from other processes hits both alike) and
 * keeps the best time and the worst memory figure of each.
 */
async function compare(
  baseline: () => Promise<void>,
  sdk: () => Promise<void>,
): Promise<[Measured, Measured]> {
  const runs: [Measured[], Measured[]] = [[], []];
  for (let i = 0; i < ROUNDS; i++) {
    runs[0].push(await measure(baseline));
    runs[1].push(await measure(sdk));
  }
  const summary = (list: Measured[]): Measured => ({
    seconds: Math.min(...list.map((r) => r.seconds)),
    peakRssGrowth: Math.max(...list.map((r) => r.peakRssGrowth)),
  });
  return [summary(runs[0]), summary(runs[1])];
}

async function startPeer(): Promise<{ child: ChildProcess; origin: string }> {
  const child = fork(fileURLToPath(new URL("./server.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
  });
  const [message] = (await once(child, "message")) as [{ port: number }];
  return { child, origin: `http://127.0.0.1:${message.port}` };
}

async function pipeUpload(origin: string): Promise<void> {
  const req = httpRequest(`${origin}/upload`, {
    method: "POST",
    headers: { "content-length": String(BYTES), "content-type": "application/octet-stream" },
  });
  const response = once(req, "response");
  await pipeline(Readable.from(generatedBytes(BYTES)), req);
  const [res] = (await response) as [NodeJS.ReadableStream];
  res.resume();
  await once(res, "end");
}

async function sdkUpload(origin: string): Promise<void> {
  const file = new StreamInputFile(Readable.from(generatedBytes(BYTES)), {
    fileName: "bench.bin",
    fileSize: BYTES,
  });
  const id = await uploadFile({ url: `${origin}/upload`, uploadTaskId: "bench", file, timeout: 60_000 });
  if (!id.startsWith("received-")) throw new Error(`unexpected id ${id}`);
}

async function pipeDownload(origin: string, destPath: string): Promise<void> {
  const [res] = (await once(httpGet(`${origin}/download?bytes=${BYTES}`), "response")) as [
    NodeJS.ReadableStream,
  ];
  await pipeline(res, createWriteStream(destPath));
}

async function sdkDownload(origin: string, destPath: string): Promise<void> {
  await downloadFile({ url: `${origin}/download?bytes=${BYTES}`, destPath, timeout: 60_000 });
  if ((await stat(destPath)).size !== BYTES) throw new Error("short download");
}

/**
 * Uploads a declared 1 GiB to a server that never reads the body. Back-pressure must stop the client
 * from pulling its source after a few MiB; the inactivity timeout then ends the upload.
 */
async function stalledUpload(origin: string): Promise<{ pulled: number; measured: Measured }> {
  const declared = 1024 ** 3;
  let pulled = 0;
  async function* counted() {
    for (const chunk of generatedBytes(declared)) {
      pulled += chunk.byteLength;
      yield chunk;
    }
  }
  const measured = await measure(async () => {
    const file = new StreamInputFile(counted(), { fileName: "stalled.bin", fileSize: declared });
    const error = await uploadFile({
      url: `${origin}/stall`,
      uploadTaskId: "bench",
      file,
      timeout: 2_000,
    }).catch((e: unknown) => e);
    if (!(error instanceof TransferTimeoutError))
      throw new Error(`the stalled upload ended with ${String(error)}`);
  });
  return { pulled, measured };
}

function report(label: string, baseline: Measured, sdk: Measured): string {
  const mbps = (m: Measured) => (BYTES / MiB / m.seconds).toFixed(0);
  const ratio = baseline.seconds / sdk.seconds;
  const growth = sdk.peakRssGrowth / MiB;
  return [
    `${label}: @tc/files ${mbps(sdk)} MiB/s vs node:stream pipe ${mbps(baseline)} MiB/s`,
    `  throughput ratio ${ratio.toFixed(2)} (target >= 0.80) ${ratio >= 0.8 ? "PASS" : "FAIL"}`,
    `  peak RSS growth ${growth.toFixed(1)} MiB (target <= 64 MiB) ${growth <= 64 ? "PASS" : "FAIL"}` +
      ` [pipe: ${(baseline.peakRssGrowth / MiB).toFixed(1)} MiB]`,
  ].join("\n");
}

const { child, origin } = await startPeer();
const dir = await mkdtemp(join(tmpdir(), "tc-files-bench-"));
try {
  console.log(
    `@tc/files bench: ${(BYTES / MiB).toFixed(0)} MiB per transfer, best of ${ROUNDS} alternating rounds, Node ${process.version}`,
  );
  const [uploadBaseline, upload] = await compare(
    () => pipeUpload(origin),
    () => sdkUpload(origin),
  );
  console.log(report("upload  ", uploadBaseline, upload));
  const [downloadBaseline, download] = await compare(
    () => pipeDownload(origin, join(dir, "pipe.bin")),
    () => sdkDownload(origin, join(dir, "sdk.bin")),
  );
  console.log(report("download", downloadBaseline, download));
  const stalled = await stalledUpload(origin);
  const pulledMiB = stalled.pulled / MiB;
  const stalledGrowth = stalled.measured.peakRssGrowth / MiB;
  console.log(
    [
      "stalled upload of a declared 1024 MiB (the server never reads):",
      `  source pulled ${pulledMiB.toFixed(1)} MiB (target <= 64 MiB) ${pulledMiB <= 64 ? "PASS" : "FAIL"}`,
      `  peak RSS growth ${stalledGrowth.toFixed(1)} MiB (target <= 64 MiB) ${stalledGrowth <= 64 ? "PASS" : "FAIL"}`,
    ].join("\n"),
  );
} finally {
  child.disconnect();
  await rm(dir, { recursive: true, force: true });
}
