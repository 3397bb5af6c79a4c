import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { createInterface, type Interface } from "node:readline";
import type { Emulator } from "@tc/emulator";
import { renderForTerminal, type Styles } from "./render-for-terminal.js";

/** Where the chat reads from and writes to (the process's stdin/stdout, or a test's streams). */
export interface TerminalChatOptions {
  emulator: Emulator;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  styles: Styles;
  /** The human the person starts as; default "alice". */
  user?: string;
  /** Called when the person quits (`/quit`, Ctrl+D or Ctrl+C). */
  onQuit: () => void;
}

/** The fields of a wire envelope (PROTOCOL.md) that the chat shows. */
interface Envelope {
  messageId: string;
  type: number;
  author: { id: string };
  content: {
    text?: string;
    parseMode?: string;
    name?: string;
    size?: number;
    caption?: { text?: string; parseMode?: string };
  };
}
type ChatSnapshot = NonNullable<ReturnType<Emulator["chat"]>>;

function hasMember(chat: ChatSnapshot, userId: string): boolean {
  return chat.participants.some((participant) => participant.userId === userId);
}

/** The terminal commands, in the order `/help` lists them. */
const help = [
  "Type a message and press Enter to send it to the bot (HTML works: <b>bold</b>, <i>italic</i>).",
  "/file <path>   send a file from disk",
  "/user <login>  act as another user (alice, bob or carol) in their chat with the bot",
  "/chats         list the chats of the current user; /chat <number> switches to one",
  "/help          this list",
  "/quit          stop (Ctrl+C and Ctrl+D too)",
];

/**
 * A person in the emulator's world, in the terminal: each line they type is sent as the current human user, and
 * whatever appears in their current chat (the bot's replies, other users' messages) is printed.
 */
export class TerminalChat {
  readonly #emu: Emulator;
  readonly #out: NodeJS.WritableStream;
  readonly #styles: Styles;
  readonly #onQuit: () => void;
  readonly #printed = new Set<string>();
  readonly #knownChats: Set<string>;
  readonly #lines: Interface;
  readonly #stopWatching: () => void;
  #user: string;
  #chatId: string;
  #queue: Promise<void> = Promise.resolve();
  #quit = false;

  constructor(options: TerminalChatOptions) {
    this.#emu = options.emulator;
    this.#out = options.output;
    this.#styles = options.styles;
    this.#onQuit = options.onQuit;
    this.#user = options.user ?? "alice";
    const seeded = this.#emu.seeded;
    this.#knownChats = new Set(seeded ? [seeded.p2pChatId, seeded.groupChatId] : []);
    this.#chatId = this.#chatWithBot(this.#user);
    for (const message of this.#messagesOf(this.#chatId)) this.#printed.add(message.messageId);
    this.#stopWatching = this.#emu.onFrame(() => this.#printNew());
    this.#lines = createInterface({ input: options.input, terminal: false });
    // Lines are handled one after the other, so a file upload finishes before the next line is sent.
    this.#lines.on("line", (line) => {
      this.#queue = this.#queue
        .then(() => this.#handle(line.trim()))
        .catch((error: unknown) => {
          this.#say(`! ${error instanceof Error ? error.message : String(error)}`);
        });
    });
    this.#lines.on("close", () => void this.#queue.then(() => this.quit()));
  }

  /** Prints where the person is and how to get help. */
  greet(): void {
    this.#say(`You are ${this.#user}, in your chat with the bot. Type /help for what you can do.`);
  }

  /** Stops reading and watching (idempotent) and reports the quit once. */
  quit(): void {
    if (this.#quit) return;
    this.#quit = true;
    this.#stopWatching();
    this.#lines.close();
    this.#onQuit();
  }

  async #handle(line: string): Promise<void> {
    if (line === "") return;
    const [command, ...rest] = line.split(/\s+/);
    const argument = rest.join(" ");
    switch (command) {
      case "/help":
        for (const text of help) this.#say(text);
        return;
      case "/quit":
        this.quit();
        return;
      case "/file": {
        if (argument === "") return this.#say("Usage: /file <path>");
        const data = new Uint8Array(await readFile(argument));
        await this.#emu.as(this.#user).sendFile(this.#chatId, { name: basename(argument), data });
        this.#say(`(sent ${basename(argument)}, ${data.byteLength} bytes)`);
        return;
      }
      case "/user":
        return this.#switchUser(argument);
      case "/chats":
        return this.#listChats();
      case "/chat":
        return this.#switchChat(argument);
      default:
        await this.#emu.as(this.#user).send(this.#chatId, { text: line, parseMode: "html" });
    }
  }

  #switchUser(login: string): void {
    const users = this.#emu.seeded?.users ?? {};
    if (!Object.hasOwn(users, login)) {
      this.#say(`Unknown user "${login}"; try ${Object.keys(users).join(", ")}`);
      return;
    }
    this.#user = login;
    this.#enter(this.#chatWithBot(login));
    this.#say(`You are ${login} now.`);
  }

  #listChats(): void {
    this.#chatsOfUser().forEach((chat, index) => {
      this.#say(`${index + 1}. ${chat.title}${chat.chatId === this.#chatId ? " (current)" : ""}`);
    });
  }

  #switchChat(argument: string): void {
    const chat = this.#chatsOfUser()[Number(argument) - 1];
    if (chat === undefined) {
      this.#say("Usage: /chat <number from /chats>");
      return;
    }
    this.#enter(chat.chatId);
    this.#say(`Now in "${chat.title}".`);
  }

  /** The chats with the bot that the current user is in (the seeded ones, and those this chat created). */
  #chatsOfUser(): { chatId: string; title: string }[] {
    const me = this.#userId(this.#user);
    return [...this.#knownChats]
      .map((chatId) => this.#emu.chat(chatId))
      .filter((chat) => chat !== undefined && hasMember(chat, me))
      .map((chat) => ({ chatId: chat!.chatId, title: chat!.title || "(personal chat)" }));
  }

  #enter(chatId: string): void {
    this.#chatId = chatId;
    for (const message of this.#messagesOf(chatId)) this.#printed.add(message.messageId);
  }

  /** The P2P chat of `login` and the bot, created on first use. */
  #chatWithBot(login: string): string {
    const me = this.#userId(login);
    const existing = [...this.#knownChats].find((chatId) => {
      const chat = this.#emu.chat(chatId);
      return chat?.type === "p2p" && hasMember(chat, me);
    });
    if (existing !== undefined) return existing;
    const chatId = this.#emu.createChat({ type: "p2p", owner: login, participants: ["bot"] });
    this.#knownChats.add(chatId);
    return chatId;
  }

  #userId(login: string): string {
    return (this.#emu.seeded?.users as Record<string, string> | undefined)?.[login] ?? login;
  }

  #printNew(): void {
    for (const message of this.#messagesOf(this.#chatId)) {
      if (this.#printed.has(message.messageId)) continue;
      this.#printed.add(message.messageId);
      if (message.author.id === this.#userId(this.#user)) continue;
      this.#say(`${this.#nameOf(message.author.id)}: ${this.#describe(message)}`);
    }
  }

  #nameOf(userId: string): string {
    return userId === this.#emu.seeded?.bot.userId ? "bot" : userId.split("@")[0]!;
  }

  #describe(message: Envelope): string {
    const { content } = message;
    if (typeof content.text === "string")
      return renderForTerminal(content.text, content.parseMode, this.#styles);
    if (typeof content.name === "string") {
      const caption = content.caption?.text
        ? ` — ${renderForTerminal(content.caption.text, content.caption.parseMode, this.#styles)}`
        : "";
      return `[file ${content.name}, ${content.size ?? 0} bytes]${caption}`;
    }
    return `[message of type ${message.type}]`;
  }

  #messagesOf(chatId: string): Envelope[] {
    return this.#emu.messages(chatId) as unknown as Envelope[];
  }

  #say(text: string): void {
    this.#out.write(`${text}\n`);
  }
}
