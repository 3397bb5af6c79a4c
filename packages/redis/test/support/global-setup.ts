import type { TestProject } from "vitest/node";
import { RedisServer } from "./redis-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of the redis-server started for this test run (no persistence). */
    redisUrl: string;
  }
}

/**
 * Starts one redis-server for the whole run (a free loopback port, no persistence) and stops it at the end.
 * Fails the run, saying why, when redis-server is missing: these tests never skip.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await RedisServer.start();
  project.provide("redisUrl", server.url);
  return () => server.stop();
}
