/**
 * What the emulator decided to answer a client request: the world's result or an error (a refusal, a forced
 * failure). Set once the request has run — also when the answer never reached the client.
 */
export type RequestResult =
  | { payload: Record<string, unknown> | unknown[] }
  | { errorCode: number; errorDescription: string };

/** One WebSocket frame as the emulator saw it. */
export interface FrameRecord {
  /** Its position in the log, counting every frame since the start (0-based, never reused): a cursor for `framesSince`. */
  seq: number;
  /** The session (connection) it travelled on. */
  sessionId: string;
  /** "in" = client to emulator, "out" = emulator to client. */
  direction: "in" | "out";
  /** When it was received or sent, Unix milliseconds. */
  at: number;
  /** The exact text on the wire (binary and invalid-UTF-8 frames as their length and leading bytes in hex). */
  raw: string;
  /** The parsed frame, when the text was a JSON object. */
  frame?: Record<string, unknown>;
  /**
   * Client requests only, once the request has run: what it was answered with, e.g. the `messageId` a
   * `sendMessage` stored. Also set when the answer was lost (a drop fault), so a test can find what was stored.
   */
  result?: RequestResult;
  /** Client requests only: the response frame, once it was sent (absent while pending, and if it never went out). */
  response?: FrameRecord;
}

/** Hides the bearer token of `auth` requests: the transcript is meant to be printed. */
export function redact(raw: string): string {
  return raw.replace(/("token"\s*:\s*")[^"]*(")/g, "$1[redacted]$2");
}

/** Client requests of one method, with how many older ones were dropped by the log limit. */
interface RequestList {
  dropped: number;
  records: FrameRecord[];
}

/**
 * Every frame in and out, in order, with a readable transcript. Appending notifies listeners so that wait
 * helpers re-check their condition on each frame. With a `limit`, the oldest tenth is dropped whenever the log
 * grows past it, so that a long-running emulator does not grow without bound. Records carry a sequence number,
 * so that readers fetch what is new since their last look instead of copying the whole log.
 */
export class FrameLog {
  readonly #records: FrameRecord[] = [];
  /** Client requests by method, so that waits on one method do not rescan the whole log on every frame. */
  readonly #requestsByMethod = new Map<string, RequestList>();
  #allRequests: FrameRecord[] = [];
  readonly #onAppend: () => void;
  readonly #listeners = new Set<(record: FrameRecord) => void>();
  readonly #limit: number;
  /** The sequence number of the next record (= how many were ever appended). */
  #nextSeq = 0;

  constructor(onAppend: () => void, limit = Number.POSITIVE_INFINITY) {
    this.#onAppend = onAppend;
    this.#limit = limit;
  }

  /** A snapshot of every record kept (a copy: prefer {@link FrameLog.since} in loops). */
  get records(): FrameRecord[] {
    return [...this.#records];
  }

  /** How many frames were ever logged, dropped ones included: the `seq` the next frame will get. */
  get count(): number {
    return this.#nextSeq;
  }

  /** The kept records whose `seq` is at least `seq`, oldest first; costs only what it returns. */
  since(seq: number): FrameRecord[] {
    const first = this.#records[0]?.seq ?? this.#nextSeq;
    return this.#records.slice(Math.max(0, seq - first));
  }

  /** Calls `listener` with every record appended from now on; returns the unsubscribe function. */
  subscribe(listener: (record: FrameRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Records a frame; `frame` is the parsed form when the text was a JSON object. */
  append(
    sessionId: string,
    direction: "in" | "out",
    raw: string,
    frame?: Record<string, unknown>,
  ): FrameRecord {
    const record: FrameRecord = { seq: this.#nextSeq, sessionId, direction, at: Date.now(), raw };
    this.#nextSeq += 1;
    if (frame !== undefined) record.frame = frame;
    this.#records.push(record);
    if (direction === "in" && frame?.type === 1) {
      this.#allRequests.push(record);
      if (typeof frame.method === "string") {
        const list = this.#requestsByMethod.get(frame.method);
        if (list === undefined) this.#requestsByMethod.set(frame.method, { dropped: 0, records: [record] });
        else list.records.push(record);
      }
    }
    if (this.#records.length > this.#limit) this.#dropOldest(Math.max(1, Math.floor(this.#limit / 10)));
    for (const listener of [...this.#listeners]) {
      try {
        listener(record);
      } catch {
        // a listener's failure is its own business; the frame is logged and delivered regardless
      }
    }
    this.#onAppend();
    return record;
  }

  #dropOldest(count: number): void {
    const gone = new Set(this.#records.splice(0, count));
    this.#allRequests = this.#allRequests.filter((record) => !gone.has(record));
    for (const list of this.#requestsByMethod.values()) {
      let cut = 0;
      while (cut < list.records.length && gone.has(list.records[cut] as FrameRecord)) cut += 1;
      list.records.splice(0, cut);
      list.dropped += cut;
    }
  }

  /** Client requests (`type: 1`, direction "in"), optionally of one method. */
  requests(method?: string): FrameRecord[] {
    return [
      ...(method === undefined ? this.#allRequests : (this.#requestsByMethod.get(method)?.records ?? [])),
    ];
  }

  /**
   * The first request of `method` whose position (counting from the first ever logged, 0-based) is at least
   * `position`, with its position; requests dropped by the limit are skipped.
   */
  requestFrom(method: string, position: number): { record: FrameRecord; position: number } | undefined {
    const list = this.#requestsByMethod.get(method);
    if (list === undefined) return undefined;
    const at = Math.max(position, list.dropped);
    const record = list.records[at - list.dropped];
    return record === undefined ? undefined : { record, position: at };
  }

  /** One line a frame: time, session, direction and the frame text with tokens hidden. */
  transcript(): string {
    return this.#records
      .map((record) => {
        const arrow = record.direction === "in" ? "->" : "<-";
        return `${new Date(record.at).toISOString()} ${record.sessionId} ${arrow} ${redact(record.raw)}`;
      })
      .join("\n");
  }
}
