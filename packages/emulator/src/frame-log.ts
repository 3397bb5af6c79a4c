/** One WebSocket frame as the emulator saw it. */
export interface FrameRecord {
  /** The session (connection) it travelled on. */
  sessionId: string;
  /** "in" = client to emulator, "out" = emulator to client. */
  direction: "in" | "out";
  /** When it was received or sent, Unix milliseconds. */
  at: number;
  /** The exact text on the wire. */
  raw: string;
  /** The parsed frame, when the text was a JSON object. */
  frame?: Record<string, unknown>;
}

/** Hides the bearer token of `auth` requests: the transcript is meant to be printed. */
function redact(raw: string): string {
  return raw.replace(/("token"\s*:\s*")[^"]*(")/g, "$1[redacted]$2");
}

/**
 * Every frame in and out, in order, with a readable transcript. Appending notifies a listener so that wait
 * helpers re-check their condition on each frame.
 */
export class FrameLog {
  readonly #records: FrameRecord[] = [];
  /** Client requests by method, so that waits on one method do not rescan the whole log on every frame. */
  readonly #requestsByMethod = new Map<string, FrameRecord[]>();
  readonly #allRequests: FrameRecord[] = [];
  readonly #onAppend: () => void;

  constructor(onAppend: () => void) {
    this.#onAppend = onAppend;
  }

  /** A snapshot of every record so far. */
  get records(): FrameRecord[] {
    return [...this.#records];
  }

  /** Records a frame; `frame` is the parsed form when the text was a JSON object. */
  append(
    sessionId: string,
    direction: "in" | "out",
    raw: string,
    frame?: Record<string, unknown>,
  ): FrameRecord {
    const record: FrameRecord = { sessionId, direction, at: Date.now(), raw };
    if (frame !== undefined) record.frame = frame;
    this.#records.push(record);
    if (direction === "in" && frame?.type === 1) {
      this.#allRequests.push(record);
      if (typeof frame.method === "string") {
        const list = this.#requestsByMethod.get(frame.method);
        if (list === undefined) this.#requestsByMethod.set(frame.method, [record]);
        else list.push(record);
      }
    }
    this.#onAppend();
    return record;
  }

  /** Client requests (`type: 1`, direction "in"), optionally of one method. */
  requests(method?: string): FrameRecord[] {
    return [...(method === undefined ? this.#allRequests : (this.#requestsByMethod.get(method) ?? []))];
  }

  /** The `index`-th client request of `method` (0-based), without copying the list. */
  requestAt(method: string, index: number): FrameRecord | undefined {
    return this.#requestsByMethod.get(method)?.[index];
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
