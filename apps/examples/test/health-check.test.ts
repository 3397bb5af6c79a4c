import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { createBot, healthUrl, serveHealth } from "../src/health-check.js";
import { startEmulator, started } from "./support/conversation.js";

describe("health check (push callback and /health on node:http)", () => {
  it("reports state changes, answers /health with 200 while authorised and 503 after, then closes", async () => {
    const { emu, connection } = await startEmulator();
    const changes: string[] = [];
    const bot = await createBot(connection, { log: (line) => changes.push(line) });
    const server = await serveHealth(bot, { port: 0 });
    const url = healthUrl(server);

    const before = await fetch(url);
    expect(before.status).toBe(503);
    await started(bot);
    const during = await fetch(url);
    expect(during.status).toBe(200);
    expect(await during.json()).toMatchObject({
      status: "authorized",
      authorized: true,
      userId: expect.stringContaining(emu.seeded!.bot.userId),
      server: "127.0.0.1",
      port: emu.port,
    });
    expect((await fetch(url.replace("/health", "/other"))).status).toBe(404);
    expect(changes).toContain("Bot status changed: authorized");

    const closed = once(server, "close");
    await bot.shutdown({ deadline: 1_000 });
    await closed;
    expect(server.listening).toBe(false);
    expect(changes.at(-1)).toBe("Bot status changed: stopped");
  });
});
