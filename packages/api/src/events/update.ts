/** A server push as the transport hands it over: its wire `method`, frame `id` and raw `payload`. */
export interface RawUpdate {
  readonly method: string;
  readonly id: number;
  readonly payload: unknown;
}

/**
 * The `method` of an {@link Update}: at run time any wire method name. Its type is a phantom that no string
 * literal is comparable to (a template that starts with a NUL character, which no wire method does), because that
 * is what lets `event.method === "sendMessage"` narrow `IncomingEvent | Update` to `Message` rather than
 * `Message | Update`. It is still a `string` wherever one is needed; to test an Update's method against a literal,
 * compare it as a plain string: `String(update.method) === "someFutureEvent"`.
 */
export type OtherMethod = `\u0000${string}`;

/** What an {@link Update} is built with besides the raw push. */
export interface UpdateDetails {
  /** Why the schema of a known method refused the payload; leave out for unknown methods. */
  readonly issues?: readonly string[] | undefined;
  /** Acknowledges the push in manual-ack mode. */
  readonly ack?: (() => void) | undefined;
}

/**
 * A server push this SDK has no class for: an unknown method, or a known one whose payload does not have the
 * documented shape (then `issues` says why). Nothing is dropped: the raw payload is kept for
 * `router.event(method, …)` handlers.
 *
 * @example
 * const event = api.parseUpdate({ method: "someFutureEvent", id: 7, payload: {} });
 * if (event instanceof Update) console.log(event.method, event.payload, event.issues);
 */
export class Update {
  /** Frame type of the push: always 1 (a request from the server). */
  readonly frameType = 1 as const;
  /** The wire method name. */
  readonly method: OtherMethod;
  /** The frame id the server chose. */
  readonly updateId: number;
  /** The payload exactly as received. */
  readonly payload: unknown;
  /** Why the schema of a known method refused the payload; `undefined` for unknown methods. */
  readonly issues: readonly string[] | undefined;
  /** An Update is not known to be about a chat. */
  readonly chatId: undefined = undefined;
  /** An Update is not known to be caused by a user. */
  readonly fromUserId: undefined = undefined;
  readonly #ack: (() => void) | undefined;

  constructor(raw: RawUpdate, details: UpdateDetails = {}) {
    // Tolerant on purpose: this is the fallback of a parser that must never throw, whatever it was handed.
    const source: Partial<RawUpdate> = typeof raw === "object" && raw !== null ? raw : {};
    this.method = (typeof source.method === "string" ? source.method : "") as OtherMethod;
    this.updateId = typeof source.id === "number" ? source.id : 0;
    this.payload = source.payload;
    this.issues = details.issues;
    this.#ack = details.ack;
  }

  /** The frame id (same as {@link Update.updateId}). */
  get id(): number {
    return this.updateId;
  }

  /**
   * Acknowledges the push in the transport's manual-ack mode; a no-op otherwise.
   *
   * @example
   * api.on("event", (event) => { if (event instanceof Update) event.ack(); });
   */
  ack(): void {
    this.#ack?.();
  }
}
