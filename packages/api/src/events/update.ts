/** A server push as the transport hands it over: its wire `method`, frame `id` and raw `payload`. */
export interface RawUpdate {
  readonly method: string;
  readonly id: number;
  readonly payload: unknown;
}

/**
 * A server push this SDK has no class for (an unknown method, or a known one whose payload does not have the
 * documented shape). Nothing is dropped: the raw payload is kept for `router.event(method, …)` handlers.
 *
 * @example
 * const event = api.parseUpdate({ method: "someFutureEvent", id: 7, payload: {} });
 * if (event instanceof Update) console.log(event.method, event.payload);
 */
export class Update {
  /** Frame type: always 1 (a request from the server). */
  readonly type = 1 as const;
  /** The wire method name. */
  readonly method: string;
  /** The frame id the server chose. */
  readonly id: number;
  /** The payload exactly as received. */
  readonly payload: unknown;
  constructor(raw: RawUpdate) {
    // Tolerant on purpose: this is the fallback of a parser that must never throw, whatever it was handed.
    const source: Partial<RawUpdate> = typeof raw === "object" && raw !== null ? raw : {};
    this.method = typeof source.method === "string" ? source.method : "";
    this.id = typeof source.id === "number" ? source.id : 0;
    this.payload = source.payload;
  }
}
