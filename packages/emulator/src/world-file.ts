import { arraySchema, nonEmpty, objectSchema, stringSchema, validate } from "./control/json-schema.js";
import { EmulatorConfigError } from "./errors.js";
import type { World } from "./world/world.js";

/**
 * A world described as data (the `--world world.json` file of the CLI, or {@link Emulator.loadWorld}): accounts,
 * chats with their members, and messages posted in order.
 *
 * @example
 * const file: WorldFile = {
 *   users: [{ login: "alice", displayName: "Alice" }],
 *   bots: [{ login: "helper", password: "s3cret" }],
 *   chats: [{ type: "group", title: "Ops", owner: "alice", participants: ["helper"],
 *             messages: [{ from: "alice", text: "Hi **helper**", parseMode: "markdown" }] }],
 * };
 */
export interface WorldFile {
  users?: { login: string; displayName?: string }[];
  bots?: { login: string; password: string; displayName?: string }[];
  chats?: {
    type: "p2p" | "group" | "channel" | "favorites";
    title?: string;
    owner: string;
    participants?: string[];
    messages?: { from: string; text: string; parseMode?: "text" | "markdown" | "html" }[];
  }[];
}

/** What {@link loadWorldFile} created: TrueConf IDs by login, and every chat with its id. */
export interface LoadedWorld {
  users: Record<string, string>;
  bots: Record<string, string>;
  chats: { chatId: string; type: string; title: string }[];
}

const login = stringSchema({ minLength: 1, pattern: "^[^\\s@/]+$" });

/** The world file's JSON Schema, also the check {@link loadWorldFile} runs first. */
export const worldFileSchema = objectSchema({
  users: arraySchema(objectSchema({ login, displayName: nonEmpty() }, ["login"])),
  bots: arraySchema(
    objectSchema({ login, password: nonEmpty(), displayName: nonEmpty() }, ["login", "password"]),
  ),
  chats: arraySchema(
    objectSchema(
      {
        type: stringSchema({ enum: ["p2p", "group", "channel", "favorites"] }),
        title: nonEmpty(),
        owner: nonEmpty(),
        participants: arraySchema(nonEmpty()),
        messages: arraySchema(
          objectSchema(
            {
              from: nonEmpty(),
              text: nonEmpty(),
              parseMode: stringSchema({ enum: ["text", "markdown", "html"] }),
            },
            ["from", "text"],
          ),
        ),
      },
      ["type", "owner"],
    ),
  ),
});

/** The bare login of a login or TrueConf ID, lower-cased as ids compare. */
function key(user: string): string {
  return (user.split("/")[0] ?? "").split("@")[0]?.toLowerCase() ?? "";
}

/**
 * Checks the whole file first (shape, unknown users, P2P and Favorites member counts, authors who are not
 * members) and only then builds it, so that a bad file changes nothing. Throws {@link EmulatorConfigError}
 * naming the place: `chats[1].participants[0]: no account "dave"`.
 */
export async function loadWorldFile(world: World, input: unknown): Promise<LoadedWorld> {
  const [issue] = validate(worldFileSchema, input);
  if (issue) throw new EmulatorConfigError(`world file: ${issue.message}`);
  const file = input as WorldFile;
  const known = new Set(world.accounts().map((account) => account.login.toLowerCase()));
  const declared = [...(file.users ?? []), ...(file.bots ?? [])];
  declared.forEach((account, index) => {
    if (known.has(account.login.toLowerCase()))
      throw new EmulatorConfigError(
        `world file: account "${account.login}" is declared twice (entry ${index})`,
      );
    known.add(account.login.toLowerCase());
  });
  (file.chats ?? []).forEach((chat, index) => {
    const at = `world file: chats[${index}]`;
    const need = (user: string, where: string) => {
      if (!known.has(key(user))) throw new EmulatorConfigError(`${at}.${where}: no account "${user}"`);
    };
    need(chat.owner, "owner");
    const members = new Set([key(chat.owner)]);
    (chat.participants ?? []).forEach((user, i) => {
      need(user, `participants[${i}]`);
      members.add(key(user));
    });
    if (chat.type === "p2p" && members.size !== 2)
      throw new EmulatorConfigError(`${at}: a p2p chat needs exactly one participant besides the owner`);
    if (chat.type === "favorites" && members.size !== 1)
      throw new EmulatorConfigError(`${at}: a favorites chat has no participants`);
    (chat.messages ?? []).forEach((message, i) => {
      if (!members.has(key(message.from)))
        throw new EmulatorConfigError(
          `${at}.messages[${i}].from: "${message.from}" is not a member of the chat`,
        );
    });
  });

  const loaded: LoadedWorld = { users: {}, bots: {}, chats: [] };
  for (const user of file.users ?? []) loaded.users[user.login] = world.addUser(user).userId;
  for (const bot of file.bots ?? []) loaded.bots[bot.login] = world.addBot(bot).userId;
  for (const chat of file.chats ?? []) {
    const chatId = world.createChat({
      type: chat.type,
      owner: chat.owner,
      ...(chat.title === undefined ? {} : { title: chat.title }),
      ...(chat.participants === undefined ? {} : { participants: chat.participants }),
    });
    for (const message of chat.messages ?? [])
      await world
        .as(message.from)
        .send(chatId, { text: message.text, parseMode: message.parseMode ?? "text" });
    // A P2P chat has no title of its own (each side sees the other's name): name it by its members.
    const title =
      chat.type === "p2p"
        ? [chat.owner, ...(chat.participants ?? [])].map(key).join(" & ")
        : (world.chat(chatId)?.title ?? "");
    loaded.chats.push({ chatId, type: chat.type, title });
  }
  return loaded;
}
