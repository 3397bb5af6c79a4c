import { RequestAbortedError, RequestTimeoutError } from "./errors.js";

/** One caller's request from `request()` until it settles; it lives in exactly one place of `PendingRequests`. */
export interface PendingRequest {
  readonly method: string;
  /** The payload, serialised once when the request was made (so bad payloads fail before anything is sent). */
  readonly body: string;
  /** The id on the current connection once written; undefined while queued. */
  id: number | undefined;
  /** Whether it was already resent once after a 203 (a second 203 is the caller's). */
  retriedAfterExpiry: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Entry extends PendingRequest {
  timer: NodeJS.Timeout;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  settled: boolean;
}

/**
 * Every request that has not settled: a FIFO queue of requests not yet written, and one map keyed by id of
 * requests written to the current connection. Settling removes the entry, clears its timer and its abort
 * listener, so nothing outlives its request and each request settles exactly once.
 */
export class PendingRequests {
  readonly #queue = new Set<Entry>();
  readonly #inFlight = new Map<number, Entry>();

  /** Requests waiting for an authorised connection. */
  get queued(): number {
    return this.#queue.size;
  }

  /** Requests written and waiting for their response. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Registers a request (queued) with its timeout and abort signal; the returned promise settles exactly once. */
  add<T>(method: string, body: string, timeout: number, signal: AbortSignal | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        method,
        body,
        id: undefined,
        retriedAfterExpiry: false,
        resolve: (value) => this.#settle(entry) && resolve(value as T),
        reject: (error) => this.#settle(entry) && reject(error),
        timer: setTimeout(
          () => entry.reject(new RequestTimeoutError(method, timeout, entry.id !== undefined)),
          timeout,
        ),
        signal,
        onAbort: undefined,
        settled: false,
      };
      if (signal) {
        entry.onAbort = () => entry.reject(new RequestAbortedError(method, signal.reason));
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      this.#queue.add(entry);
    });
  }

  /** Takes the oldest queued request for writing, or undefined when none waits. */
  nextQueued(): PendingRequest | undefined {
    const first = this.#queue.values().next();
    if (first.done) return undefined;
    this.#queue.delete(first.value);
    return first.value;
  }

  /** Records that a request taken with `nextQueued` was written under `id`. */
  markWritten(request: PendingRequest, id: number): void {
    const entry = request as Entry;
    entry.id = id;
    this.#inFlight.set(id, entry);
  }

  /** Puts a request back at the end of the queue (written but refused, so resending cannot duplicate it). */
  requeue(request: PendingRequest): void {
    const entry = request as Entry;
    if (entry.settled) return;
    entry.id = undefined;
    this.#queue.add(entry);
  }

  /** Removes and returns the in-flight request answered by a response with this id. */
  takeInFlight(id: number): PendingRequest | undefined {
    const entry = this.#inFlight.get(id);
    if (entry) this.#inFlight.delete(id);
    return entry;
  }

  /** Rejects every written request (its connection is gone); queued ones stay for the next connection. */
  rejectInFlight(errorFor: (request: PendingRequest) => Error): void {
    for (const entry of [...this.#inFlight.values()]) entry.reject(errorFor(entry));
  }

  /** Rejects everything, queued and written. */
  rejectAll(errorFor: (request: PendingRequest) => Error): void {
    this.rejectInFlight(errorFor);
    for (const entry of [...this.#queue]) entry.reject(errorFor(entry));
  }

  /** Returns false when the entry already settled; otherwise detaches it and its timer and listener. */
  #settle(entry: Entry): boolean {
    if (entry.settled) return false;
    entry.settled = true;
    clearTimeout(entry.timer);
    if (entry.onAbort) entry.signal?.removeEventListener("abort", entry.onAbort);
    if (entry.id === undefined) this.#queue.delete(entry);
    else if (this.#inFlight.get(entry.id) === entry) this.#inFlight.delete(entry.id);
    return true;
  }
}
