import {
  type Bot,
  checkOptions,
  describeValue,
  type HealthStatus,
  InvalidArgumentError,
  requireBoolean,
  requireDuration,
} from "@tc/bot";
import { Emulator, EmulatorConfigError } from "@tc/emulator";
import { lastLines, macrotask, pendingWork } from "./bot-activity.js";
import { IdleTimeoutError, ReconnectTimeoutError } from "./errors.js";
import { TestUser, type UserWorld, type WaitOptions } from "./test-user.js";
import {
  type ResolvedTestWorldOptions,
  resolveTestWorldOptions,
  type TestBotOptions,
  type TestWorldOptions,
  timeoutOf,
} from "./test-world-options.js";

/** How often `idle()` looks again while the bot is busy; the waits of the replies are event-driven. */
const idlePollMs = 2;
/** How many frames an `idle()` or reconnect failure shows: the story of the last few exchanges. */
const framesShown = 40;
/** What a running handler gets at `close()` before its `ctx.signal` aborts. */
const closeDeadlineMs = 1_000;

/** Options of {@link TestWorld.dropConnection}. */
export interface DropConnectionOptions {
  /** A clean close frame instead of a cut TCP connection (the bot sees 1006 then); default false. */
  clean?: boolean;
  /** The close code of a clean close; default 1000. */
  code?: number;
  /** Resolve once the bot has authorised again (default); with false, once it has noticed the loss. */
  awaitReconnect?: boolean;
  /** How long to wait for that, in ms; default the world's `timeout`. */
  timeout?: number;
}

/**
 * An emulator with a seeded world and your bot connected to it: humans to act as (`user`), a way to wait until
 * the bot has handled everything (`idle`), faults to inject, and transcripts. Made by {@link createTestWorld};
 * close it after each test (`close()`, or `await using`).
 *
 * The seeded world: the bot account `bot`, users `alice`, `bob` and `carol`, a group chat "Team" owned by
 * alice with the bot in it (`world.chats.team`), and a P2P chat of alice and the bot.
 *
 * @example
 * await using world = await createTestWorld({ bot: (options) => createMyBot(options) });
 * const alice = world.user("alice");
 * await alice.send("/start");
 * await alice.expectReply(/^Hi/);
 */
export class TestWorld<C extends string = never> implements AsyncDisposable {
  /** The emulator underneath, for anything the kit does not wrap (faults, files, frames). */
  readonly emulator: Emulator;
  /** Your bot, started and authorised. */
  readonly bot: Bot;
  /** The bot account's TrueConf ID (`bot@emulator.local`). */
  readonly botUserId: string;
  /** The ids of the named chats: the seeded group chat `team`, and the ones given in `chats`. */
  readonly chats: Readonly<Record<"team" | C, string>>;
  readonly #timeout: number;
  readonly #users = new Map<string, TestUser>();
  readonly #userWorld: UserWorld;
  #closing: Promise<void> | undefined;

  /** @internal Made by {@link createTestWorld}. */
  constructor(emulator: Emulator, bot: Bot, chats: Record<"team" | C, string>, timeout: number) {
    this.emulator = emulator;
    this.bot = bot;
    this.botUserId = emulator.seeded?.bot.userId ?? "";
    this.chats = Object.freeze(chats);
    this.#timeout = timeout;
    this.#userWorld = {
      emulator,
      botUserId: this.botUserId,
      timeout,
      userIn: (login, chatId) => this.#userIn(login, chatId),
      idle: (options) => this.idle(options),
    };
  }

  /**
   * A human user, acting in the P2P chat with the bot (opened on first use for users other than alice, which
   * pushes `createP2PChat` to the bot as a real server does). The same object every time for a user.
   *
   * @example
   * const bob = world.user("bob");
   * await bob.send("hello");
   * await bob.expectReply("hello");
   */
  user(login: string): TestUser {
    if (typeof login !== "string" || login === "") {
      throw new InvalidArgumentError(`world.user needs a login such as "alice", got ${describeValue(login)}`);
    }
    const human = this.#human(login);
    if (human.toLowerCase() === this.botUserId.toLowerCase()) {
      throw new InvalidArgumentError(
        `world.user("${login}") is the bot itself; act as a human such as "alice"`,
      );
    }
    const chatId = this.emulator.createChat({ type: "p2p", owner: human, participants: [this.botUserId] });
    return this.#userIn(login, chatId);
  }

  /**
   * Resolves once the bot has handled everything the humans did: no event on the wire that the bot has not
   * acked, none held or queued, no handler running, no request waiting for its answer, the bot connected; seen
   * twice in a row across a macrotask, so that work a finishing handler schedules is not missed. Rejects with
   * {@link IdleTimeoutError} (saying what is still going on) after `timeout` ms.
   *
   * @example
   * await alice.send("note this");
   * await world.idle();
   * expect(notes).toEqual(["note this"]);
   */
  async idle(options: WaitOptions = {}): Promise<void> {
    const timeout = timeoutOf(options, this.#timeout, "idle");
    const deadline = Date.now() + timeout;
    let quietChecks = 0;
    for (;;) {
      const work = pendingWork(this.bot, this.emulator, this.botUserId);
      if (work.length === 0) {
        quietChecks += 1;
        if (quietChecks === 2) return;
        await macrotask();
        continue;
      }
      quietChecks = 0;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new IdleTimeoutError(
          `world.idle(): the bot was still busy after ${timeout} ms: ${work.join(", ")}`,
          this.#framesTail(),
          timeout,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(idlePollMs, left)));
    }
  }

  /**
   * Drops the bot's connection as a network failure would (a cut TCP connection by default) and resolves once
   * the bot has reconnected and authorised again, or with `awaitReconnect: false` once it has noticed the loss
   * (to act while it is away). Rejects with {@link ReconnectTimeoutError} when that does not happen in time.
   *
   * @example
   * await world.dropConnection();
   * await alice.send("still there?");
   * await alice.expectReply("still there?");
   */
  async dropConnection(options: DropConnectionOptions = {}): Promise<void> {
    const o = checkOptions("dropConnection options", options, ["clean", "code", "awaitReconnect", "timeout"]);
    const timeout = requireDuration("timeout", o.timeout, this.#timeout);
    const awaitReconnect = requireBoolean("awaitReconnect", o.awaitReconnect, true);
    // Both listeners are in place before the drop: a fast reconnect cannot slip between the drop and the wait.
    const lost = this.#nextState((status) => !status.authorized);
    const back = this.#nextState((status) => status.authorized);
    let timer: NodeJS.Timeout | undefined;
    try {
      const me = this.botUserId.toLowerCase();
      for (const session of this.emulator.sessions) {
        if (!session.open || session.userId?.toLowerCase() !== me) continue;
        this.emulator.faults.dropSessions({ sessionId: session.id, clean: o.clean, code: o.code });
      }
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), timeout);
      });
      const what = awaitReconnect ? "authorise again" : "notice the dropped connection";
      const outcome = await Promise.race([awaitReconnect ? back.promise : lost.promise, timedOut]);
      if (outcome === "timeout") {
        throw new ReconnectTimeoutError(
          `world.dropConnection(): the bot did not ${what} within ${timeout} ms`,
          this.#framesTail(),
          timeout,
        );
      }
    } finally {
      clearTimeout(timer);
      lost.cancel();
      back.cancel();
    }
  }

  /**
   * Expires every token the bot got so far, as a month passing would: the bot's next request is refused with
   * 203 (and so is its next `auth` with the old token). A bot that handles it fetches a new token, which the
   * world issues, authorises again and resends the refused request. With `onRequests: false` only the next
   * `auth` is refused (after a reconnect).
   *
   * @example
   * world.expireToken();
   * await alice.send("ping");
   * await alice.expectReply("ping"); // answered after re-authorising with a fresh token
   */
  expireToken(options: { onRequests?: boolean } = {}): void {
    const { onRequests } = checkOptions("expireToken options", options, ["onRequests"]);
    this.emulator.faults.expireTokens({
      bot: this.botUserId,
      onRequests: requireBoolean("onRequests", onRequests, true),
    });
  }

  /** Every frame between the bot and the emulator, one readable line each (tokens redacted). */
  transcript(): string {
    return this.emulator.transcript();
  }

  /**
   * Shuts the bot down (running handlers get a second) and stops the emulator. Idempotent; also what
   * `await using` calls.
   *
   * @example
   * afterEach(() => world.close());
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        await this.bot.shutdown({ deadline: closeDeadlineMs });
      } finally {
        await this.emulator.stop();
      }
    })();
    return this.#closing;
  }

  /** `await using world = await createTestWorld(...)` closes the world at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #userIn(login: string, chatId: string): TestUser {
    const key = `${this.#human(login).toLowerCase()}\u0000${chatId}`;
    let user = this.#users.get(key);
    if (user === undefined) {
      user = new TestUser(this.#userWorld, login, chatId);
      this.#users.set(key, user);
    }
    return user;
  }

  /** The user's TrueConf ID; an unknown login is the test's mistake, said with the names it could have meant. */
  #human(login: string): string {
    try {
      return this.emulator.as(login).userId;
    } catch (error) {
      if (!(error instanceof EmulatorConfigError)) throw error;
      throw new InvalidArgumentError(
        `world.user: there is no user "${login}" in the world (seeded: alice, bob, carol; add more with createTestWorld({ users: ["${login}"] }))`,
      );
    }
  }

  /** The next connection state of the bot that `accept` accepts (after the current one). */
  #nextState(accept: (status: HealthStatus) => boolean): {
    promise: Promise<HealthStatus>;
    cancel: () => void;
  } {
    const transport = this.bot.transport;
    let listener: (status: HealthStatus) => void = () => {};
    const promise = new Promise<HealthStatus>((resolve) => {
      listener = (status) => {
        if (accept(status)) resolve(status);
      };
      transport.on("state", listener);
    });
    return { promise, cancel: () => transport.off("state", listener) };
  }

  #framesTail(): string {
    return `Frames between the bot and the emulator (latest last):\n${lastLines(this.emulator.transcript(), framesShown)}`;
  }
}

/**
 * Starts an emulator with the seeded world (plus your `users` and `chats`), builds your bot with the options
 * that point it at the emulator, starts it and resolves once it is authorised. Bad options are refused with
 * `InvalidArgumentError` before anything starts; if the bot cannot start, the emulator is stopped and the
 * bot's error is thrown.
 *
 * @example
 * const world = await createTestWorld({
 *   bot: (options) => createMyBot(options), // spreads them: new Bot({ ...options, dispatcher })
 *   users: ["dave"],
 *   chats: { ops: { type: "group", title: "Ops", owner: "alice", participants: ["bot", "dave"] } },
 * });
 * world.chats.ops; // the chat's id
 */
export async function createTestWorld<const C extends string = never>(
  options: TestWorldOptions<C>,
): Promise<TestWorld<C>> {
  const o = resolveTestWorldOptions(options as TestWorldOptions<string>);
  const emulator = await Emulator.start({ ...o.emulator, seed: true });
  let bot: Bot | undefined;
  try {
    const chats = buildWorld(emulator, o);
    const login = emulator.seeded?.bot.login ?? "bot";
    const botOptions: TestBotOptions = {
      server: new URL(emulator.httpUrl).hostname.replace(/^\[(.*)\]$/, "$1"),
      webPort: emulator.port,
      https: false,
      tokenProvider: async () => emulator.issueToken(login),
      wsMaxDelay: 100,
    };
    bot = requireBot(await o.bot(botOptions));
    await bot.start();
    return new TestWorld<C>(emulator, bot, chats as Record<"team" | C, string>, o.timeout);
  } catch (error) {
    await bot?.shutdown({ deadline: 0 }).catch(() => undefined);
    await emulator.stop();
    throw error;
  }
}

/** Adds the extra users and chats; returns the named chat ids. */
function buildWorld(emulator: Emulator, o: ResolvedTestWorldOptions): Record<string, string> {
  for (const user of o.users) emulator.addUser(user);
  const chats: Record<string, string> = { team: emulator.seeded?.groupChatId ?? "" };
  for (const [name, spec] of o.chats) chats[name] = emulator.createChat(spec);
  return chats;
}

/** The factory's result must be a Bot (checked by shape: a second copy of @tc/bot makes another class). */
function requireBot(value: unknown): Bot {
  const bot = value as Partial<Bot> | null | undefined;
  if (
    typeof bot === "object" &&
    bot !== null &&
    typeof bot.start === "function" &&
    typeof bot.shutdown === "function" &&
    typeof bot.healthCheck === "function" &&
    typeof bot.dispatcher?.idle === "function" &&
    typeof bot.transport?.pause === "function"
  ) {
    return bot as Bot;
  }
  throw new InvalidArgumentError(
    `createTestWorld: the bot factory must return a Bot (or a promise of one) built from the options it gets, got ${describeValue(value)}`,
  );
}
