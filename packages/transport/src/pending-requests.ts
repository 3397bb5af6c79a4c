import { Deadlines } from "./deadlines.js";
import { RequestAbortedError, RequestTimeoutError } from "./errors.js";

/** One caller's request from `request()` until it settles; it lives in exactly one place of `PendingRequests`. */
export interface PendingRequest {
  readonly method: string;
  /** The payload, serialised once when the request was made (so bad payloads fail before anything is sent). */
  readonly body: string;
  /** The id on the current connection once written; undefined while queued. */
  readonly id: number | undefined;
  /** Whether it was ever written to a socket (true also while it waits for its resend after a 203). */
  readonly written: boolean;
  /** Whether it was already resent once after a 203 (a second 203 is the caller's). */
  retriedAfterExpiry: boolean;
}

interface Entry extends PendingRequest {
  id: number | undefined;
  written: boolean;
  readonly timeout: number;
  deadline: number;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  settled: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Every request that has not settled: a FIFO queue of requests not yet written, and one map keyed by id of
 * requests written to the current connection. Settling removes the entry, stops its clock and its abort
 * listener, so nothing outlives its request and each request settles exactly once. `onSettled` runs after
 * every settlement, whatever settled it (response, timeout, abort, connection loss, stop), so that the owner
 * can act on "nothing is in flight any more" without checking in every one of those paths.
 */
export class PendingRequests {
  readonly #queue = new Set<Entry>();
  readonly #inFlight = new Map<number, Entry>();
  readonly #onSettled: (request: PendingRequest) => void;
  readonly #deadlines = new Deadlines<Entry>((entry) =>
    this.reject(
      entry,
      new RequestTimeoutError(
        entry.method,
        entry.timeout,
        entry.written,
        entry.written && entry.id === undefined,
      ),
    ),
  );

  constructor(onSettled: (request: PendingRequest) => void = () => {}) {
    this.#onSettled = onSettled;
  }

  /** Requests waiting for an authorised connection. */
  get queued(): number {
    return this.#queue.size;
  }

  /** Requests written and waiting for their response. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /**
   * Registers a request with its timeout and abort signal and returns it with the promise the caller gets,
   * which settles exactly once. The caller then either writes it at once (`markWritten`) or `enqueue`s it.
   */
  create<T>(
    method: string,
    body: string,
    timeout: number,
    signal: AbortSignal | undefined,
  ): { request: PendingRequest; promise: Promise<T> } {
    let entry: Entry | undefined;
    const promise = new Promise<T>((resolve, reject) => {
      entry = {
        method,
        body,
        id: undefined,
        written: false,
        retriedAfterExpiry: false,
        timeout,
        deadline: 0,
        signal,
        onAbort: undefined,
        settled: false,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
    });
    const created = entry as unknown as Entry;
    this.#deadlines.add(created);
    if (signal) {
      created.onAbort = () => this.reject(created, new RequestAbortedError(method, signal.reason));
      signal.addEventListener("abort", created.onAbort, { once: true });
    }
    return { request: created, promise };
  }

  /** Queues a request created with `create` until a connection is authorised. */
  enqueue(request: PendingRequest): void {
    const entry = request as Entry;
    if (!entry.settled) this.#queue.add(entry);
  }

  /** Takes the oldest queued request for writing, or undefined when none waits. */
  nextQueued(): PendingRequest | undefined {
    for (const entry of this.#queue) {
      this.#queue.delete(entry);
      return entry;
    }
    return undefined;
  }

  /** Records that a request taken with `nextQueued` was written under `id`. */
  markWritten(request: PendingRequest, id: number): void {
    const entry = request as Entry;
    entry.id = id;
    entry.written = true;
    this.#inFlight.set(id, entry);
  }

  /** Puts a refused request back at the end of the queue (it was not run, so resending cannot duplicate it). */
  requeue(request: PendingRequest): void {
    (request as Entry).id = undefined;
    this.enqueue(request);
  }

  /** Removes and returns the in-flight request answered by a response with this id. */
  takeInFlight(id: number): PendingRequest | undefined {
    const entry = this.#inFlight.get(id);
    if (entry) this.#inFlight.delete(id);
    return entry;
  }

  /** Settles a request with its response payload. */
  resolve(request: PendingRequest, value: unknown): void {
    const entry = request as Entry;
    if (!this.#detach(entry)) return;
    entry.resolve(value);
    this.#onSettled(entry);
  }

  /** Settles a request with an error. */
  reject(request: PendingRequest, error: Error): void {
    const entry = request as Entry;
    if (!this.#detach(entry)) return;
    entry.reject(error);
    this.#onSettled(entry);
  }

  /** Rejects every written request (its connection is gone); queued ones stay for the next connection. */
  rejectInFlight(errorFor: (request: PendingRequest) => Error): void {
    for (const entry of [...this.#inFlight.values()]) this.reject(entry, errorFor(entry));
  }

  /** Rejects everything, queued and written. */
  rejectAll(errorFor: (request: PendingRequest) => Error): void {
    this.rejectInFlight(errorFor);
    for (const entry of [...this.#queue]) this.reject(entry, errorFor(entry));
  }

  /** Returns false when the entry already settled; otherwise removes it from every collection. */
  #detach(entry: Entry): boolean {
    if (entry.settled) return false;
    entry.settled = true;
    this.#deadlines.delete(entry);
    if (entry.onAbort) entry.signal?.removeEventListener("abort", entry.onAbort);
    if (entry.id === undefined) this.#queue.delete(entry);
    else if (this.#inFlight.get(entry.id) === entry) this.#inFlight.delete(entry.id);
    return true;
  }
}
