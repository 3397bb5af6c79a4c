import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ReplicaStats } from "../../src/index.js";
import type { ReplicaConfig } from "./replica-bot.js";

const script = fileURLToPath(new URL("./replica-bot.ts", import.meta.url));

/** A message a replica process sends over IPC. */
export type ReplicaMessage =
  | { type: "ready" }
  | { type: "hung"; hung: number; stats: ReplicaStats }
  | { type: "stats"; stats: ReplicaStats };

/** A bot replica in a child process (`node --import tsx replica-bot.ts`). */
export class ReplicaProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly #messages: ReplicaMessage[] = [];
  readonly #waiters = new Set<() => void>();
  #output = "";

  private constructor(config: ReplicaConfig) {
    this.name = config.name;
    this.child = spawn(process.execPath, ["--import", "tsx", script], {
      env: { ...process.env, REPLICA_CONFIG: JSON.stringify(config) },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const keep = (chunk: Buffer) => {
      this.#output += String(chunk);
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    this.child.on("message", (message: ReplicaMessage) => {
      this.#messages.push(message);
      for (const wake of this.#waiters) wake();
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
    void this.exited.then(() => {
      for (const wake of this.#waiters) wake();
    });
  }

  /** Starts a replica and resolves once its bot is authorised. */
  static async start(config: ReplicaConfig): Promise<ReplicaProcess> {
    const replica = new ReplicaProcess(config);
    await replica.next("ready", 30_000);
    return replica;
  }

  /** What the process printed (for failure messages). */
  get output(): string {
    return this.#output;
  }

  /** The first message of `type` (waiting for it up to `timeout` ms). */
  async next<T extends ReplicaMessage["type"]>(
    type: T,
    timeout: number,
  ): Promise<Extract<ReplicaMessage, { type: T }>> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.#messages.find((m) => m.type === type);
      if (found) return found as Extract<ReplicaMessage, { type: T }>;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`replica ${this.name} exited before "${type}":\n${this.#output}`);
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`replica ${this.name} sent no "${type}" within ${timeout} ms:\n${this.#output}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.#waiters.add(done);
      });
    }
  }

  /** Drains the bot and resolves with its final stats. */
  async stop(): Promise<ReplicaStats> {
    this.child.send({ type: "stop" });
    const { stats } = await this.next("stats", 30_000);
    await this.exited;
    return stats;
  }

  /** SIGKILL: no drain, no release; what it held must expire. */
  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
  }
}
