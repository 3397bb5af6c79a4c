// @tc/redis benchmark: `pnpm --filter @tc/redis bench` (or `npx tsx bench/run.ts` in packages/redis).
//
// Starts its own redis-server (a free loopback port, no persistence) and measures, in one run:
// 1. the FSM round trip of a handler step (getState + setData), on RedisStorage and on MemoryStorage;
// 2. the claim overhead per event: the ReplicaCoordinator middleware around an empty handler, against the
//    handler alone (an order lock, a claim and a finish: three scripts per event);
// 3. events per second through 1, 2 and 3 replica processes of one bot on the emulator (every replica receives
//    every message; each is answered once), 50 chats.
import { Emulator } from "@tc/emulator";
import { consoleLogger, MemoryStorage, type Storage, StorageKey } from "@tc/router";
import { RedisStorage, ReplicaCoordinator } from "../src/index.js";
import { RedisServer } from "../test/support/redis-server.js";
import { ReplicaProcess } from "../test/support/replicas.js";

const roundTrips = 5_000;
const claims = 5_000;
const replicaMessages = 1_500;
const chats = 50;

const redis = await RedisServer.start();
try {
  const key = new StorageKey({ botId: "bench-bot", chatId: "chat", userId: "user" });
  async function roundTrip(storage: Storage): Promise<number> {
    const started = performance.now();
    for (let i = 0; i < roundTrips; i++) {
      await storage.getState(key);
      await storage.setData(key, { step: i, name: "Ann" });
    }
    return ((performance.now() - started) * 1000) / roundTrips;
  }
  const memory = new MemoryStorage();
  const stored = new RedisStorage({ redis: redis.url });
  await roundTrip(stored); // warm-up: connection, scripts
  const memoryMicros = await roundTrip(memory);
  const redisMicros = await roundTrip(stored);
  await stored.close();
  console.log(`FSM round trip (getState + setData), ${roundTrips} sequential:`);
  console.log(`  MemoryStorage ${memoryMicros.toFixed(1)} µs   RedisStorage ${redisMicros.toFixed(1)} µs`);

  const replicas = new ReplicaCoordinator({ redis: redis.url, logger: consoleLogger });
  const ctx = { bot: { meId: "bench-bot" }, signal: new AbortController().signal, log: consoleLogger };
  const handler = async () => true;
  async function claimRun(coordinated: boolean, offset: number): Promise<number> {
    const started = performance.now();
    for (let i = 0; i < claims; i++) {
      const event = {
        method: "sendMessage",
        chatId: `chat-${i % chats}`,
        messageId: `m${offset + i}`,
        updateId: i,
      };
      if (coordinated) await replicas.middleware(event, ctx, handler);
      else await handler();
    }
    return ((performance.now() - started) * 1000) / claims;
  }
  await claimRun(true, 0); // warm-up
  const bare = await claimRun(false, claims);
  const claimed = await claimRun(true, 2 * claims);
  await replicas.close();
  console.log(`Claim per event, ${claims} sequential:`);
  console.log(
    `  handler alone ${bare.toFixed(1)} µs   with the claim ${claimed.toFixed(1)} µs   overhead ${(claimed - bare).toFixed(1)} µs`,
  );

  console.log(`Replicas, ${replicaMessages} messages over ${chats} chats (emulator in this process):`);
  for (const count of [1, 2, 3]) {
    const emu = await Emulator.start({ frameLogLimit: 20_000 });
    const chatIds = Array.from({ length: chats }, (_, i) =>
      emu.createChat({ type: "group", title: `chat ${i}`, owner: "alice", participants: ["bot"] }),
    );
    let answered = 0;
    emu.onFrame((record) => {
      if (record.direction === "in" && record.frame?.method === "sendMessage") answered++;
    });
    const config = { emulatorPort: emu.port, redisUrl: redis.url, mode: "count", lockTtl: 30_000 } as const;
    const processes = await Promise.all(
      Array.from({ length: count }, (_, i) => ReplicaProcess.start({ ...config, name: `R${i}` })),
    );
    const started = performance.now();
    for (let round = 0; round < replicaMessages / chats; round++) {
      await Promise.all(chatIds.map((chatId) => emu.as("alice").send(chatId, `m${round}`)));
    }
    await emu.waitFor(() => answered >= replicaMessages, { timeout: 300_000 });
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(processes.map((p) => p.stop()));
    await emu.stop();
    console.log(
      `  ${count} replica${count > 1 ? "s" : ""}: ${Math.round(replicaMessages / seconds)} events/s`,
    );
  }
} finally {
  await redis.stop();
}
