import { Emulator } from "@tc/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { RedisServer } from "./support/redis-server.js";
import { ReplicaProcess } from "./support/replicas.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const chats = 50;
const rounds = 100; // 5,000 messages
const lockTtl = 3_000;

interface Reply {
  chat: number;
  seq: number;
  seen: number;
  by: string;
  at: number;
}

describe("three replicas of one bot", () => {
  it("handle 5,000 messages over 50 chats exactly once and in order per chat, through a SIGKILL and a Redis restart", async () => {
    // A Redis of its own that keeps every write (append-only file, fsync on every write), so that its restart
    // below loses nothing: the case where persistence allows state to survive.
    const redis = await RedisServer.start({ persistence: "aof" });
    cleanups.push(() => redis.stop());
    const emu = await Emulator.start({ frameLogLimit: 20_000 });
    cleanups.push(() => emu.stop());
    const chatIds = Array.from({ length: chats }, (_, i) =>
      emu.createChat({ type: "group", title: `chat ${i}`, owner: "alice", participants: ["bot"] }),
    );
    const chatOf = new Map(chatIds.map((id, i) => [id, i]));
    const replies: Reply[] = [];
    emu.onFrame((record) => {
      if (record.direction !== "in" || record.frame?.method !== "sendMessage") return;
      const payload = record.frame.payload as { chatId: string; content: { text: string } };
      const match = /^m(\d+) seen=(\d+) by=(\w+)$/.exec(payload.content.text);
      const chat = chatOf.get(payload.chatId);
      if (!match || chat === undefined) return;
      replies.push({
        chat,
        seq: Number(match[1]),
        seen: Number(match[2]),
        by: match[3] ?? "",
        at: Date.now(),
      });
    });

    const config = { emulatorPort: emu.port, redisUrl: redis.url, mode: "count", lockTtl } as const;
    const [a, b, c] = await Promise.all([
      ReplicaProcess.start({ ...config, name: "A" }),
      ReplicaProcess.start({ ...config, name: "B" }),
      // C handles its share, then stops in every later handler (before any effect) and is killed there.
      ReplicaProcess.start({ ...config, name: "C", hangAfter: 400 }),
    ]);
    for (const replica of [a, b, c]) cleanups.push(() => replica.kill());

    const started = performance.now();
    const killed = c.next("hung", 120_000).then(async (hung) => {
      await c.kill();
      return { hung, at: replies.length };
    });
    let outage: { from: number; to: number; rounds: number[] } | undefined;
    for (let round = 0; round < rounds; round++) {
      if (round === 66) {
        // Redis goes away mid-run: these rounds are sent while it is down.
        await redis.halt();
        outage = { from: Date.now(), to: 0, rounds: [66, 67, 68] };
      }
      if (round === 69 && outage) {
        await redis.resume();
        outage.to = Date.now();
      }
      await Promise.all(chatIds.map((chatId) => emu.as("alice").send(chatId, `m${round}`)));
    }
    const { hung } = await killed;
    await emu
      .waitFor(() => replies.length >= chats * rounds, { timeout: 180_000 })
      .catch((error) => {
        throw new Error(
          `${replies.length} of ${chats * rounds} answered; replica A said:\n${a.output}\nB said:\n${b.output}`,
          { cause: error },
        );
      });
    const elapsed = performance.now() - started;
    const [statsA, statsB] = await Promise.all([a.stop(), b.stop()]);

    // Exactly once: 5,000 answers, none doubled, and each chat's in order, each seeing the state its
    // previous message left (the FSM data went through three processes, a kill and a Redis restart).
    expect(replies.length).toBe(chats * rounds);
    for (let chat = 0; chat < chats; chat++) {
      const mine = replies.filter((r) => r.chat === chat);
      expect(mine.map((r) => r.seq)).toEqual(Array.from({ length: rounds }, (_, i) => i));
      expect(mine.map((r) => r.seen)).toEqual(Array.from({ length: rounds }, (_, i) => i));
    }
    // The work was shared, and C's unfinished claims were taken over by the survivors.
    const byC = replies.filter((r) => r.by === "C").length;
    expect(byC).toBe(hung.stats.handled);
    expect(statsA.handled + statsB.handled + byC).toBe(chats * rounds);
    expect(statsA.handled).toBeGreaterThan(0);
    expect(statsB.handled).toBeGreaterThan(0);
    expect(statsA.takenOver + statsB.takenOver).toBeGreaterThanOrEqual(hung.hung);
    // While Redis was down, no replica took an event: the ones sent then were handled after it was back.
    const during = replies.filter((r) => outage?.rounds.includes(r.seq));
    expect(during.length).toBe(chats * 3);
    for (const reply of during)
      expect(reply.at).toBeGreaterThanOrEqual(outage?.to ?? Number.POSITIVE_INFINITY);
    console.info(
      `5,000 messages on 3 replicas (one killed, Redis restarted) in ${Math.round(elapsed)} ms; A ${statsA.handled}, B ${statsB.handled}, C ${byC}, taken over ${statsA.takenOver + statsB.takenOver}`,
    );
  }, 300_000);
});
