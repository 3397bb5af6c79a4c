import { keyOf, Scheduler } from "../../../src/index.js";

// The dispatcher's scheduler on its own, for a pipeline of your own.
export const scheduler = new Scheduler({ limit: 8 });

export function handleLater(event: { chatId?: string; fromUserId?: string }, work: () => Promise<void>) {
  return scheduler.run(keyOf(event, "chat"), async (signal) => {
    if (!signal.aborted) await work();
  });
}
