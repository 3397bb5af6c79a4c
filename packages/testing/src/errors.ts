/**
 * The base of every failure the kit reports about the bot under test: it did not answer, answered something
 * else, or did not settle. A plain `Error` subclass, so vitest, node:test and jest all show it as a failed
 * assertion; `e instanceof TestExpectationError` tells a misbehaving bot from a mistake in the test itself
 * (those are `InvalidArgumentError`s). The message ends with the chat's transcript, also kept in `transcript`.
 *
 * @example
 * try {
 *   await alice.expectReply("Hi!");
 * } catch (error) {
 *   if (error instanceof TestExpectationError) console.log(error.transcript);
 *   throw error;
 * }
 */
export class TestExpectationError extends Error {
  /** The readable transcript the message ends with (the chat's messages, or the connection's frames). */
  readonly transcript: string;

  constructor(message: string, transcript: string, options?: ErrorOptions) {
    super(transcript === "" ? message : `${message}\n\n${transcript}`, options);
    this.name = new.target.name;
    this.transcript = transcript;
  }
}

/**
 * A wait of the kit ran out of time: the bot did not answer, settle or reconnect within `timeout` ms. The three
 * subclasses say which wait it was; `instanceof WaitTimeoutError` catches any of them.
 *
 * @example
 * await expect(alice.nextMessage({ timeout: 200 })).rejects.toThrow(WaitTimeoutError);
 */
export class WaitTimeoutError extends TestExpectationError {
  /** How long the wait was, in ms. */
  readonly timeout: number;

  constructor(message: string, transcript: string, timeout: number) {
    super(message, transcript);
    this.timeout = timeout;
  }
}

/**
 * The bot sent nothing to the chat within the timeout (`nextMessage`, `expectReply`).
 *
 * @example
 * await expect(alice.expectReply("pong", { timeout: 500 })).rejects.toThrow(ReplyTimeoutError);
 */
export class ReplyTimeoutError extends WaitTimeoutError {}

/**
 * The bot's next message was not the expected one (`expectReply`), or it sent one where none was expected
 * (`expectNoReply`). `actual` and `expected` are set the way test runners read them to show a diff.
 *
 * @example
 * await expect(alice.expectReply("pong")).rejects.toThrow(UnexpectedReplyError);
 */
export class UnexpectedReplyError extends TestExpectationError {
  /** The text of the message the bot sent (its description when it has no text). */
  readonly actual: string;
  /** What was expected: the exact text, the pattern or the predicate's description; "no message" for `expectNoReply`. */
  readonly expected: string;

  constructor(
    message: string,
    transcript: string,
    detail: { actual: string; expected: string },
    options?: ErrorOptions,
  ) {
    super(message, transcript, options);
    this.actual = detail.actual;
    this.expected = detail.expected;
  }
}

/**
 * `world.idle()` timed out: the bot was still handling events, had requests in flight, or events it had not
 * acked yet. The message says which.
 *
 * @example
 * await world.idle({ timeout: 1_000 }); // IdleTimeoutError: … 1 handler running …
 */
export class IdleTimeoutError extends WaitTimeoutError {}

/**
 * The bot did not authorise again within the timeout after `world.dropConnection()` (or at start).
 *
 * @example
 * await world.dropConnection({ timeout: 2_000 }); // ReconnectTimeoutError if the bot gave up
 */
export class ReconnectTimeoutError extends WaitTimeoutError {}
