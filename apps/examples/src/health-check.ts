// Health checks, both models of the Getting Started page: the bot reports every connection state change
// (push, `onHealthCheck`), and an HTTP endpoint answers monitoring probes with `bot.healthCheck()` (pull) —
// on node:http, where the Python page uses FastAPI.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, Dispatcher, F, Router } from "@tc/bot";
import { type Connection, connectBot, isMain, runExample } from "./run-example.js";

/** Options of the health-check bot. */
export interface HealthExampleOptions {
  /** Where state changes are reported; default `console.log`. */
  log?: (line: string) => void;
}

/**
 * An echo bot that reports its connection state changes (the push model).
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export async function createBot(connection: Connection, options: HealthExampleOptions = {}): Promise<Bot> {
  const log = options.log ?? console.log;
  const router = new Router();
  router.message(F.text, (message) => message.answer(message.text, { parseMode: "text" }));
  const dp = new Dispatcher();
  dp.includeRouter(router);
  return connectBot(connection, {
    dispatcher: dp,
    onHealthCheck: (status) => log(`Bot status changed: ${status.status}`),
  });
}

/**
 * Serves `GET /health` with `bot.healthCheck()` as JSON (the pull model): status 200 while the bot is
 * authorised, 503 otherwise, so that a Kubernetes probe or Zabbix reads it as it is. The server closes when
 * the bot stops.
 *
 * @example
 * const server = await serveHealth(bot, { port: 8080 });
 */
export async function serveHealth(bot: Bot, options: { port?: number; host?: string } = {}): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/health") {
      response.writeHead(404).end();
      return;
    }
    const status = bot.healthCheck();
    response
      .writeHead(status.authorized ? 200 : 503, { "content-type": "application/json" })
      .end(JSON.stringify(status));
  });
  bot.on("stopped", () => server.close());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", resolve);
  });
  return server;
}

/** The URL a server from {@link serveHealth} answers on. */
export function healthUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address}:${port}/health`;
}

if (isMain(import.meta.url)) {
  await runExample(async (world) => {
    const bot = await createBot(world.connection());
    const server = await serveHealth(bot, { port: Number(process.env.HEALTH_PORT ?? 8080) });
    console.log(`Health check: ${healthUrl(server)}`);
    return bot;
  });
}
