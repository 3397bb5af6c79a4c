import type { World } from "./world.js";

/** What {@link seedWorld} created, so that tests and the CLI can name it. */
export interface SeededWorld {
  bot: { userId: string; login: string; password: string };
  users: { alice: string; bob: string; carol: string };
  /** A group chat "Team" owned by alice with the bot as member. */
  groupChatId: string;
  /** The P2P chat of the bot and alice. */
  p2pChatId: string;
}

/**
 * The default world: bot account `bot` / `bot-password`, users alice, bob and carol with display names, a group
 * chat of alice and the bot, and a P2P chat of the bot and alice.
 *
 * @example
 * const seeded = seedWorld(world);
 * await world.as("alice").send(seeded.p2pChatId, "hi");
 */
export function seedWorld(world: World): SeededWorld {
  const bot = world.addBot({ login: "bot", password: "bot-password", displayName: "Emulator Bot" });
  const alice = world.addUser({ login: "alice", displayName: "Alice Smirnova" }).userId;
  const bob = world.addUser({ login: "bob", displayName: "Boris Ivanov" }).userId;
  const carol = world.addUser({ login: "carol", displayName: "Carol Jones" }).userId;
  const groupChatId = world.createChat({
    type: "group",
    title: "Team",
    owner: alice,
    participants: [bot.userId],
  });
  const p2pChatId = world.createChat({ type: "p2p", owner: bot.userId, participants: [alice] });
  return { bot, users: { alice, bob, carol }, groupChatId, p2pChatId };
}
