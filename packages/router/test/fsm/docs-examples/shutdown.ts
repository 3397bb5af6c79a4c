import { Command, type Dispatcher, Router } from "../../../src/index.js";

export const router = new Router();

router.message(Command("count"), async (message, ctx) => {
  for (let i = 1; i <= 3; i++) {
    // Aborted when the dispatcher stops and the deadline has passed: give up instead of running on.
    ctx.signal.throwIfAborted();
    await message.answer(String(i));
  }
});

export async function shutdown(dp: Dispatcher): Promise<number> {
  const { finished, cut } = await dp.stop({ deadline: 10_000 });
  for (const event of cut) console.warn(`not handled in time: ${event.method} ${event.updateId}`);
  return finished;
}
