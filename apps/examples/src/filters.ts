// Every example of the Python SDK's "Filters" page, in one router. A lane takes the first handler whose
// filters all match, so the handlers go from the most specific to the most general, and each answer says
// which filter took the message.
import { and, type Bot, Command, Dispatcher, F, type Message, or, Router } from "@tc/bot";
import { type Connection, connectBot, isMain, runExample } from "./run-example.js";

/** Who and what the filters of the examples look for (the page's `42`, `"elisa"`, `-42` and groups). */
export interface FilterExampleOptions {
  /** The user `F.fromUser.id.eq(...)` greets (the page's `"elisa"`). */
  elisa?: string;
  /** The users `F.fromUser.id.in(...)` and the ban rule accept (the page's `{42, 777, 911}`). */
  moderators?: readonly string[];
  /** The chat `F.chatId.func(...)` watches (the page's chat `-42`). */
  watchedChatId?: string;
  /** The groups of each user, as the server's user directory would tell them (for `InGroupFilter`). */
  groups?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A custom filter (the page's `MyFilter`/`InGroupFilter`): an object with a `check` method, here asking a user
 * directory whether the author belongs to a group.
 *
 * @example
 * router.message(Command("admin"), new InGroupFilter("0032", directory), (m) => m.answer("Welcome!"));
 */
export class InGroupFilter {
  constructor(
    readonly targetGroup: string,
    private readonly groupsOf: (userId: string) => Promise<readonly string[]>,
  ) {}

  /** Whether the author of `message` is in the group (Python's `__call__`). */
  async check(message: Message): Promise<boolean> {
    const groups = await this.groupsOf(message.fromUser.id);
    return groups.includes(this.targetGroup);
  }
}

/**
 * Registers the page's handlers on `router`, most specific first.
 *
 * @example
 * register(router, { elisa: "elisa@video.example.com" });
 */
export function register(router: Router, options: FilterExampleOptions = {}): void {
  const {
    elisa = "elisa@video.example.com",
    moderators = ["moderator@video.example.com"],
    watchedChatId = "",
    groups = {},
  } = options;
  // Stands in for a call to the server's user directory (`server_api.get_user(user_id)` on the page).
  const groupsOf = async (userId: string) => groups[userId] ?? [];
  const say = (message: Message, text: string) => message.bot.sendMessage({ chatId: message.chatId, text });

  // Command
  router.message(Command("ping"), (message) => say(message, "pong"));
  router.message(Command("info", "about", "whoami"), (message, ctx) =>
    say(message, `Used /${ctx.command.command}`),
  );
  // With arguments the special echo takes the message; `magic` is tried after the name matched.
  router.message(Command(/echo_\d+/, { magic: F.args }), (message, ctx) =>
    say(message, `Special: ${ctx.command.command} -> ${ctx.command.args}`),
  );
  router.message(Command(/echo_\d+/), (message, ctx) =>
    say(message, `Echo: ${ctx.command.command} ${ctx.command.args ?? ""}`.trimEnd()),
  );
  router.message(Command("cmd", { prefix: "!/" }), (message, ctx) =>
    say(message, `${ctx.command.prefix}cmd works`),
  );
  router.message(Command("start", { ignoreCase: true }), (message) => say(message, "Started"));
  router.message(Command("echo", { magic: F.args.isNot(null) }), (message, ctx) =>
    say(message, ctx.command.args ?? ""),
  );
  router.message(Command("upper", { magic: F.args.len().gt(3) }), (message, ctx) =>
    say(message, (ctx.command.args ?? "").toUpperCase()),
  );
  router.message(
    Command("repeat", { magic: F.args.func((x) => typeof x === "string" && x.split(/\s+/).length === 1) }),
    (message, ctx) => say(message, `${ctx.command.args} ${ctx.command.args}`),
  );

  // Custom filters, combined with Command and with F (several filters: all must match)
  router.message(Command("admin"), new InGroupFilter("0032", groupsOf), (message) =>
    message.answer("Welcome to the admin panel!"),
  );
  router.message(F.text.contains("help"), new InGroupFilter("0003", groupsOf), (message) =>
    message.answer("The support team has been notified of your request."),
  );

  // MagicFilter: existence, equality, inversion
  router.message(F.text.eq("ping"), (message) => message.answer("pong"));
  router.message(F.photo, (message) => message.answer(`F.photo: a photo, ${message.photo.name}`));
  router.message(F.text.not(), (message) => message.answer("F.text.not(): a message without text"));

  // Who wrote it, and where
  router.message(F.fromUser.id.eq(elisa), (message) => message.answer("Hi Elisa!"));
  router.message(
    and(
      F.fromUser.id.in(moderators),
      or(F.text.startsWith("!"), F.text.startsWith("/")),
      F.text.contains("ban"),
    ),
    (message) => message.answer("A moderator's ban command"),
  );
  router.message(F.fromUser.id.eq(moderators[0] ?? "").and(F.text.eq("admin")), (message) =>
    message.answer("The first moderator said admin"),
  );
  router.message(F.fromUser.id.in(moderators), (message) => message.answer("F.fromUser.id.in: a moderator"));
  router.message(
    F.chatId.func((id) => id === watchedChatId),
    (message) => message.answer("F.chatId.func: the watched chat"),
  );

  // What the text says
  router.message(F.text.eq("hello"), (message) => message.answer('F.text.eq("hello")'));
  router.message(F.text.regexp(/^Hello, .+/), (message, ctx) =>
    message.answer(`F.text.regexp: matched ${ctx.match[0]}`),
  );
  router.message(F.text.lower().eq("test"), (message) => message.answer('F.text.lower().eq("test")'));
  router.message(F.text.upper().in(["FOO", "BAR"]), (message) =>
    message.answer("F.text.upper().in: FOO or BAR"),
  );
  router.message(F.text.in(["foo", "bar", "baz"]), (message) => message.answer("F.text.in: foo, bar or baz"));
  router.message(F.text.startsWith("foo"), (message) => message.answer('F.text.startsWith("foo")'));
  router.message(F.text.endsWith("bar"), (message) => message.answer('F.text.endsWith("bar")'));
  router.message(F.text.contains("foo"), (message) => message.answer('F.text.contains("foo")'));
  router.message(F.text.startsWith("a").or(F.text.endsWith("b")), (message) =>
    message.answer("F.text: starts with a or ends with b"),
  );
  router.message(F.text.len().eq(5), (message) => message.answer("F.text.len().eq(5)"));
  router.message(F.text.startsWith("spam").not(), (message) => message.answer("F.text: not spam"));
  router.message(F.text.ne("spam"), (message) => message.answer('F.text.ne("spam"): spam, and more'));
  router.message(F.text, (message) => message.answer("F.text: just spam"));
}

/**
 * The filters bot.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export async function createBot(connection: Connection, options: FilterExampleOptions = {}): Promise<Bot> {
  const router = new Router();
  register(router, options);
  const dp = new Dispatcher();
  dp.includeRouter(router);
  return connectBot(connection, { dispatcher: dp });
}

if (isMain(import.meta.url)) {
  await runExample(({ connection, emulator }) => {
    // In the embedded emulator carol plays Elisa, bob the moderator, and you (alice) are in both groups.
    const seeded = emulator?.seeded;
    return createBot(
      connection(),
      seeded && {
        elisa: seeded.users.carol,
        moderators: [seeded.users.bob],
        watchedChatId: seeded.groupChatId,
        groups: { [seeded.users.alice]: ["0032", "0003"] },
      },
    );
  });
}
