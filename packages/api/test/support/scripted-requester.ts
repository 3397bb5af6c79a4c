import type { ApiRequester, RawUpdate } from "../../src/index.js";

/** One call the Api made. */
export interface RecordedCall {
  method: string;
  payload: unknown;
}

/**
 * An in-test requester for unit tests: records every call and answers from a table of payloads (or a function).
 * A method without an answer rejects, so a test notices calls it did not expect.
 */
export class ScriptedRequester implements ApiRequester {
  readonly calls: RecordedCall[] = [];
  session: { userId: string } | undefined;
  httpBaseUrl: string | undefined;
  readonly #answers: Record<string, unknown | ((payload: unknown) => unknown)>;
  readonly #listeners = new Set<(update: RawUpdate) => void>();
  /** Ids passed to `ack`, in order. */
  readonly acked: number[] = [];

  constructor(answers: Record<string, unknown | ((payload: unknown) => unknown)> = {}, userId?: string) {
    this.#answers = answers;
    this.session = userId === undefined ? undefined : { userId };
  }

  async request(method: string, payload?: unknown): Promise<unknown> {
    this.calls.push({ method, payload });
    if (!Object.hasOwn(this.#answers, method)) throw new Error(`unexpected call of ${method}`);
    const answer = this.#answers[method];
    return typeof answer === "function" ? await answer(payload) : answer;
  }

  on(_event: "update", listener: (update: RawUpdate) => void): void {
    this.#listeners.add(listener);
  }

  off(_event: "update", listener: (update: RawUpdate) => void): void {
    this.#listeners.delete(listener);
  }

  ack(id: number): void {
    this.acked.push(id);
  }

  /** How many push listeners are subscribed. */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Delivers a push to the listeners, as a transport would. */
  push(update: RawUpdate): void {
    for (const listener of this.#listeners) listener(update);
  }

  methods(): string[] {
    return this.calls.map((call) => call.method);
  }
}
