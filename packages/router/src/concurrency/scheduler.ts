import { checkOptions, describeValue, InvalidArgumentError, requireDuration, requireInteger } from "@tc/api";
import { type ConcurrencyKey, requireConcurrencyKey } from "./concurrency-key.js";
import { SchedulerStoppedError } from "./scheduler-stopped-error.js";
import { type Queued, TaskQueue } from "./task-queue.js";

export { type ConcurrencyKey, keyOf } from "./concurrency-key.js";

/** How events are spread over time: see {@link Scheduler}. */
export interface ConcurrencyOptions {
  /** Which events run in order, one after the other (see {@link ConcurrencyKey}); default `"chat"`. */
  key?: ConcurrencyKey;
  /** Tasks running at once, all keys together; default 64. */
  limit?: number;
  /**
   * Waiting tasks above which intake is paused (`onPause`); it resumes when they are down to half. Tasks are never
   * dropped: this only asks the source to hold events. Default 1024.
   */
  maxQueued?: number;
}

/** Options of {@link Scheduler}: the {@link ConcurrencyOptions} and the intake callbacks. */
export interface SchedulerOptions extends ConcurrencyOptions {
  /** Called once when the waiting tasks exceed `maxQueued` (pause the source). */
  onPause?: () => void;
  /** Called once when the waiting tasks are back to half of `maxQueued` after a pause (resume the source). */
  onResume?: () => void;
}

/** Options of {@link Scheduler.stop}. */
export interface StopOptions {
  /**
   * Milliseconds the running and waiting tasks get to finish; then the waiting ones are refused and the running
   * ones have their signal aborted. Default: no deadline, wait for all of them.
   */
  deadline?: number;
}

/** What {@link Scheduler.stop} reports. */
export interface StopReport {
  /** Tasks that finished (fulfilled or rejected) after `stop()` was called. */
  finished: number;
  /** Labels of the tasks cut at the deadline: running ones whose signal was aborted, then waiting ones never started. */
  cut: unknown[];
}

interface Task extends Queued<Task> {
  readonly key: string | undefined;
  /** The running tasks are linked too (cheaper than a set), while they run. */
  prev: Task | undefined;
  after: Task | undefined;
  readonly run: (signal: AbortSignal) => unknown;
  readonly label: unknown;
  /** Settle the promise `run()` returned; only for tasks that had to wait (a task started at once returns its own). */
  resolve: ((value: unknown) => void) | undefined;
  reject: ((error: unknown) => void) | undefined;
}

/**
 * Tasks waiting behind the running (or ready) task of one key. The key is in the map while it is busy; its queue
 * is made when the first task has to wait behind it (`null` until then), so a busy key alone allocates nothing.
 */
type Lane = TaskQueue<Task> | null;

const defaultLimit = 64;
const defaultMaxQueued = 1024;

/**
 * Runs tasks concurrently across keys and in order within a key: a task starts only after the previous task of its
 * key has finished, at most `limit` tasks run at once, and a key's next task goes behind the tasks already ready,
 * so one busy chat cannot starve the others. A task without a key is ordered with nothing.
 *
 * Every operation is O(1): queues are linked lists and no task has a timer of its own.
 *
 * @example
 * const scheduler = new Scheduler({ limit: 32, onPause: () => transport.pause(), onResume: () => transport.resume() });
 * scheduler.run(keyOf(event, "chat"), (signal) => handle(event, signal), event.updateId);
 * const { cut } = await scheduler.stop({ deadline: 10_000 });
 */
export class Scheduler {
  readonly key: ConcurrencyKey;
  readonly limit: number;
  readonly maxQueued: number;
  readonly #onPause: (() => void) | undefined;
  readonly #onResume: (() => void) | undefined;
  /** Tasks whose key is free, waiting for a slot. */
  readonly #ready = new TaskQueue<Task>();
  readonly #lanes = new Map<string, Lane>();
  /**
   * The running tasks in start order, linked through `prev` / `after` (the stop deadline reports their labels and
   * keeps their keys).
   */
  #runningHead: Task | undefined;
  #runningTail: Task | undefined;
  #runningCount = 0;
  /**
   * One controller for every task: the stop deadline cuts all running tasks at once, so they can share the
   * signal (a controller per task would cost more than a small task itself).
   */
  readonly #controller = new AbortController();
  #queued = 0;
  #paused = false;
  #stop: Promise<StopReport> | undefined;
  #finishedSinceStop = 0;
  #idle: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(options?: SchedulerOptions) {
    const o = checkOptions("Concurrency options", options, [
      "key",
      "limit",
      "maxQueued",
      "onPause",
      "onResume",
    ]);
    this.key = o.key === undefined ? "chat" : requireConcurrencyKey(o.key);
    this.limit = requireInteger("concurrency limit", o.limit, defaultLimit, { min: 1 });
    this.maxQueued = requireInteger("maxQueued", o.maxQueued, defaultMaxQueued, { min: 1 });
    this.#onPause = requireCallback("onPause", o.onPause);
    this.#onResume = requireCallback("onResume", o.onResume);
  }

  /** Tasks running now. */
  get running(): number {
    return this.#runningCount;
  }

  /** Tasks waiting for their key or for a slot. */
  get queued(): number {
    return this.#queued;
  }

  /**
   * Runs `task` when its key is free and a slot is open, and settles with what it settles with. `key` `undefined`
   * orders the task with nothing. The task gets a signal that aborts when `stop()`'s deadline cuts it; `label`
   * names it in the stop report. After `stop()` it rejects with {@link SchedulerStoppedError}.
   */
  run<T>(key: string | undefined, task: (signal: AbortSignal) => Promise<T>, label?: unknown): Promise<T> {
    if (key !== undefined && typeof key !== "string") {
      return Promise.reject(
        new InvalidArgumentError(
          `Invalid task key: expected a string or undefined, got ${describeValue(key)}`,
        ),
      );
    }
    if (typeof task !== "function") {
      return Promise.reject(
        new InvalidArgumentError(`Invalid task: expected a function, got ${describeValue(task)}`),
      );
    }
    if (this.#stop !== undefined) {
      return Promise.reject(new SchedulerStoppedError("The scheduler is stopped; it takes no new tasks"));
    }
    const lane = key === undefined ? undefined : this.#lanes.get(key);
    const entry: Task = {
      key,
      run: task,
      label,
      resolve: undefined,
      reject: undefined,
      next: undefined,
      prev: undefined,
      after: undefined,
    };
    if (lane === undefined && this.#ready.size === 0 && this.#runningCount < this.limit) {
      // Free key, free slot, nobody ready before it: it starts now.
      if (key !== undefined) this.#lanes.set(key, null);
      this.#checkPause(1);
      const result = this.#start(entry) as Promise<T>;
      this.#checkResume();
      return result;
    }
    return new Promise<T>((resolve, reject) => {
      entry.resolve = resolve as (value: unknown) => void;
      entry.reject = reject;
      this.#queued++;
      if (lane === null) {
        const waiting = new TaskQueue<Task>();
        waiting.push(entry);
        this.#lanes.set(key!, waiting);
      } else if (lane !== undefined) lane.push(entry);
      else {
        if (key !== undefined) this.#lanes.set(key, null);
        this.#ready.push(entry);
      }
      this.#checkPause(0);
      this.#pump();
    });
  }

  /** Resolves when no task is running or waiting (at once if none is). */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    if (this.#idle === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#idle = { promise, resolve };
    }
    return this.#idle.promise;
  }

  /**
   * Takes no new task, lets the running and waiting ones finish, and resolves when they have — or, with a
   * `deadline`, when it passes: the waiting tasks then reject with {@link SchedulerStoppedError} and the running
   * ones have their signal aborted (their promises still settle with what they do). Calling it again returns the
   * first call's report.
   */
  stop(options?: StopOptions): Promise<StopReport> {
    if (this.#stop !== undefined) return this.#stop;
    const o = checkOptions("stop options", options, ["deadline"]);
    const deadline =
      o.deadline === undefined ? undefined : requireDuration("deadline", o.deadline, 0, { allowZero: true });
    this.#stop = this.#drain(deadline);
    return this.#stop;
  }

  async #drain(deadline: number | undefined): Promise<StopReport> {
    const drained = this.idle().then(() => false);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired =
      deadline === undefined
        ? drained
        : new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), deadline);
          });
    const cutAtDeadline = await Promise.race([drained, expired]);
    clearTimeout(timer);
    const cut = cutAtDeadline ? this.#cut() : [];
    return { finished: this.#finishedSinceStop, cut };
  }

  /** At the deadline: aborts the running tasks and refuses the waiting ones; returns their labels. */
  #cut(): unknown[] {
    const cut: unknown[] = [];
    const reason = new SchedulerStoppedError("The task was cut: the scheduler's stop deadline passed");
    for (let task = this.#runningHead; task !== undefined; task = task.after) cut.push(task.label);
    if (this.#runningCount > 0) this.#controller.abort(reason);
    const waiting = [...this.#ready.drain()];
    for (const lane of this.#lanes.values()) if (lane !== null) waiting.push(...lane.drain());
    this.#lanes.clear();
    // Running tasks keep their key busy until they finish; their lanes are now empty, so nothing follows them.
    for (let task = this.#runningHead; task !== undefined; task = task.after) {
      if (task.key !== undefined) this.#lanes.set(task.key, null);
    }
    const refused = new SchedulerStoppedError("The task never started: the scheduler's stop deadline passed");
    for (const task of waiting) {
      cut.push(task.label);
      this.#queued--;
      task.reject!(refused);
    }
    this.#checkResume();
    this.#checkIdle();
    return cut;
  }

  #pump(): void {
    while (this.#runningCount < this.limit) {
      const task = this.#ready.shift();
      if (task === undefined) break;
      this.#queued--;
      this.#start(task);
    }
    this.#checkResume();
  }

  /**
   * Runs a task now. A task started at once gets its own promise back: its slot and key are freed by a reaction
   * registered before anyone else's, so whoever awaits the task sees them free. A task that waited settles the
   * promise `run()` returned, in the same reaction that frees its slot.
   */
  #start(task: Task): Promise<unknown> {
    const tail = this.#runningTail;
    task.prev = tail;
    if (tail === undefined) this.#runningHead = task;
    else tail.after = task;
    this.#runningTail = task;
    this.#runningCount++;
    let result: Promise<unknown>;
    try {
      const value = task.run(this.#controller.signal);
      // A plain value still finishes on a later turn: finishing now would start the next task inside this one.
      result = value instanceof Promise ? value : Promise.resolve(value);
    } catch (error) {
      result = Promise.reject(error);
    }
    const { resolve, reject } = task;
    if (resolve === undefined || reject === undefined) {
      const finish = () => this.#finish(task);
      result.then(finish, finish);
    } else {
      result.then(
        (value) => {
          this.#finish(task);
          resolve(value);
        },
        (error: unknown) => {
          this.#finish(task);
          reject(error);
        },
      );
    }
    return result;
  }

  #finish(task: Task): void {
    const { prev, after } = task;
    if (prev === undefined) this.#runningHead = after;
    else prev.after = after;
    if (after === undefined) this.#runningTail = prev;
    else after.prev = prev;
    task.prev = undefined;
    task.after = undefined;
    this.#runningCount--;
    if (this.#stop !== undefined) this.#finishedSinceStop++;
    if (task.key !== undefined) {
      const next = this.#lanes.get(task.key)?.shift();
      if (next !== undefined) this.#ready.push(next);
      else this.#lanes.delete(task.key);
    }
    this.#pump();
    this.#checkIdle();
  }

  /** Pauses the intake when the waiting tasks (with `extra` more counted) exceed `maxQueued`. */
  #checkPause(extra: number): void {
    if (!this.#paused && this.#queued + extra > this.maxQueued) {
      this.#paused = true;
      notify(this.#onPause);
    }
  }

  #checkResume(): void {
    if (this.#paused && this.#queued <= Math.floor(this.maxQueued / 2)) {
      this.#paused = false;
      notify(this.#onResume);
    }
  }

  #isIdle(): boolean {
    return this.#runningCount === 0 && this.#queued === 0;
  }

  #checkIdle(): void {
    if (this.#idle === undefined || !this.#isIdle()) return;
    const { resolve } = this.#idle;
    this.#idle = undefined;
    resolve();
  }
}

function requireCallback(name: string, value: unknown): (() => void) | undefined {
  if (value === undefined || typeof value === "function") return value as (() => void) | undefined;
  throw new InvalidArgumentError(`Invalid ${name}: expected a function, got ${describeValue(value)}`);
}

/**
 * Calls an intake callback. Its error would otherwise surface in whichever task happened to cross the threshold;
 * it is a bug of the caller's wiring, so it is rethrown on its own, uncaught, where it cannot be mistaken for a
 * task's failure.
 */
function notify(callback: (() => void) | undefined): void {
  try {
    callback?.();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
