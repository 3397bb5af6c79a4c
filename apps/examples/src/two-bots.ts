// Two bots in one process: a support bot and an alerts bot, each with its own account and routers, run
// together by runBots — one Ctrl+C drains both, and a bot that fails makes the other stop too.
import { type Bot, Command, Dispatcher, Router } from "@tc/bot";
import { type Connection, connectBot, isMain, runExample } from "./run-example.js";

/**
 * The two bots: `support` answers `/help`, `alerts` repeats `/alert <text>` loud. Each has its own dispatcher
 * here; one dispatcher may also serve both (FSM records are kept per bot either way).
 *
 * @example
 * const [support, alerts] = await createBots(supportConnection, alertsConnection);
 * await runBots([support, alerts]);
 */
export async function createBots(support: Connection, alerts: Connection): Promise<[Bot, Bot]> {
  const supportRouter = new Router({ name: "support" });
  supportRouter.message(Command("help"), (message) =>
    message.answer("Support here: describe the problem and we will get back to you."),
  );
  const supportDp = new Dispatcher();
  supportDp.includeRouter(supportRouter);

  const alertsRouter = new Router({ name: "alerts" });
  alertsRouter.message(Command("alert"), (message, ctx) =>
    message.answer(`ALERT: ${(ctx.command.args ?? "something happened").toUpperCase()}`, {
      parseMode: "text",
    }),
  );
  const alertsDp = new Dispatcher();
  alertsDp.includeRouter(alertsRouter);

  return [
    await connectBot(support, { dispatcher: supportDp }),
    await connectBot(alerts, { dispatcher: alertsDp }),
  ];
}

if (isMain(import.meta.url)) {
  // Against a server: TRUECONF_TOKEN (…) for the support bot, TRUECONF_ALERTS_TOKEN (…) for the alerts bot.
  await runExample(async ({ connection, emulator }) => {
    const bots = await createBots(connection(), connection("alerts"));
    // In the embedded emulator, put the alerts bot into the group chat "Team" too.
    if (emulator) await emulator.as("alice").addParticipant(emulator.seeded!.groupChatId, "alerts");
    return bots;
  });
}
