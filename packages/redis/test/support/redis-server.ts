import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** How a test Redis is started. */
export interface RedisServerOptions {
  /** The executable; default `redis-server` from PATH. */
  binary?: string;
  /**
   * `"none"` (default): no RDB snapshots, no append-only file: a restart forgets everything.
   * `"aof"`: every write is in the append-only file before it is answered (`appendfsync always`), so a restart
   * on the same directory keeps everything.
   */
  persistence?: "none" | "aof";
}

/** Milliseconds a redis-server gets to say it is ready. */
const startTimeout = 10_000;

/**
 * A real redis-server for the tests, on a free loopback port, in a temporary directory removed by `stop()`.
 * There is no mock: without redis-server the tests fail, saying how to install it.
 */
export class RedisServer {
  readonly port: number;
  readonly #binary: string;
  readonly #persistence: "none" | "aof";
  readonly #dir: string;
  #process: ChildProcess | undefined;

  private constructor(port: number, binary: string, persistence: "none" | "aof", dir: string) {
    this.port = port;
    this.#binary = binary;
    this.#persistence = persistence;
    this.#dir = dir;
  }

  /** Starts a server and resolves once it accepts connections. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const dir = await mkdtemp(join(tmpdir(), "tc-redis-test-"));
    const server = new RedisServer(
      await freePort(),
      options.binary ?? "redis-server",
      options.persistence ?? "none",
      dir,
    );
    try {
      await server.#launch();
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return server;
  }

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Whether the server process is running. */
  get running(): boolean {
    return this.#process !== undefined;
  }

  /** Stops the process (SIGTERM: a clean shutdown, the append-only file flushed) and keeps the directory. */
  async halt(): Promise<void> {
    const child = this.#process;
    if (child === undefined) return;
    this.#process = undefined;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await exited;
  }

  /** Starts the process again on the same port and directory (after {@link halt}). */
  resume(): Promise<void> {
    return this.#launch();
  }

  /** Stops the server and removes its directory. */
  async stop(): Promise<void> {
    await this.halt();
    await rm(this.#dir, { recursive: true, force: true });
  }

  async #launch(): Promise<void> {
    const persistence =
      this.#persistence === "aof"
        ? ["--appendonly", "yes", "--appendfsync", "always"]
        : ["--appendonly", "no"];
    const args = [
      "--port",
      String(this.port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      ...persistence,
      "--dir",
      this.#dir,
      "--protected-mode",
      "no",
    ];
    const child = spawn(this.#binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`redis-server did not get ready within ${startTimeout} ms:\n${output}`));
      }, startTimeout);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        child.stdout?.removeAllListeners("data");
        if (error) reject(error);
        else resolve();
      };
      child.once("error", (error: NodeJS.ErrnoException) =>
        settle(
          error.code === "ENOENT"
            ? new Error(
                `redis-server was not found ("${this.#binary}" is not on PATH). The @tc/redis tests run against a real Redis and are never skipped: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).`,
              )
            : error,
        ),
      );
      child.once("exit", (code) =>
        settle(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)),
      );
      const collect = (chunk: Buffer) => {
        output += String(chunk);
        if (output.includes("Ready to accept connections")) {
          child.removeAllListeners("exit");
          settle();
        }
      };
      child.stdout?.on("data", collect);
      child.stderr?.on("data", (chunk: Buffer) => {
        output += String(chunk);
      });
    });
    // Keep reading, so that a full pipe never blocks the server.
    child.stdout?.resume();
    child.stderr?.resume();
    this.#process = child;
  }
}

/** A port nothing listens on now: the one a throwaway listener got (redis-server cannot pick one itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}
