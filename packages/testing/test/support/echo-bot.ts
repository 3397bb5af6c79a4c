import { Bot, Command, Dispatcher, F, type IncomingEvent, Router, type Update } from "@tc/bot";
import { afterEach } from "vitest";
import {
  createTestWorld,
  type TestBotOptions,
  type TestWorld,
  type TestWorldOptions,
} from "../../src/index.js";

/** A bot for the kit's tests: echoes texts, answers /start, records every event it gets (by wire method). */
export interface RecordingBot {
  bot: Bot;
  router: Router;
  /** Every event the dispatcher handled, oldest first. */
  events: (IncomingEvent | Update)[];
}

/** Builds the recording echo bot from the kit's options; `extend` adds handlers before the echo. */
export function recordingBot(options: TestBotOptions, extend?: (router: Router) => void): RecordingBot {
  const router = new Router();
  const dispatcher = new Dispatcher();
  const events: (IncomingEvent | Update)[] = [];
  dispatcher.useOuter((event, _ctx, next) => {
    events.push(event);
    return next();
  });
  extend?.(router);
  router.message(Command("start"), (message) => message.answer("Hi!", { parseMode: "text" }));
  router.message(F.text, (message) => message.answer(message.text, { parseMode: "text" }));
  dispatcher.includeRouter(router);
  return { bot: new Bot({ ...options, dispatcher, logger: quiet }), router, events };
}

/** The faults tests drop connections on purpose; their warnings are noise in the test output. */
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const opened: TestWorld<string>[] = [];
afterEach(async () => {
  for (const world of opened.splice(0)) await world.close();
});

/** A test world with the recording bot (and `extend`'s handlers), closed after the test. */
export async function recordingWorld<const C extends string = never>(
  extend?: (router: Router) => void,
  options: Omit<TestWorldOptions<C>, "bot"> = {},
): Promise<{ world: TestWorld<C>; recorded: RecordingBot }> {
  let recorded: RecordingBot | undefined;
  const world = await createTestWorld<C>({
    ...options,
    bot: (botOptions) => {
      recorded = recordingBot(botOptions, extend);
      return recorded.bot;
    },
  } as TestWorldOptions<C>);
  opened.push(world as TestWorld<string>);
  return { world, recorded: recorded as RecordingBot };
}
