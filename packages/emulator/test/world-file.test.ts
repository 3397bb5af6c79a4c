import { afterEach, describe, expect, it } from "vitest";
import { Emulator, EmulatorConfigError } from "../src/index.js";

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.stop();
});

describe("loadWorld (the CLI's --world file)", () => {
  it("builds users, bots, chats and their messages in order", async () => {
    emu = await Emulator.start({ seed: false });
    const loaded = await emu.loadWorld({
      users: [{ login: "dana" }, { login: "fox", displayName: "Fox" }],
      bots: [{ login: "helper", password: "pw" }],
      chats: [
        {
          type: "group",
          title: "Ops",
          owner: "dana",
          participants: ["fox", "helper"],
          messages: [
            { from: "dana", text: "one" },
            { from: "fox", text: "<b>two</b>", parseMode: "html" },
          ],
        },
        { type: "p2p", owner: "helper", participants: ["dana"] },
      ],
    });
    expect(loaded.users).toEqual({ dana: "dana@emulator.local", fox: "fox@emulator.local" });
    expect(loaded.bots).toEqual({ helper: "helper@emulator.local" });
    expect(loaded.chats.map((chat) => [chat.type, chat.title])).toEqual([
      ["group", "Ops"],
      ["p2p", "helper & dana"],
    ]);
    const ops = loaded.chats[0]?.chatId as string;
    expect(emu.messages(ops).map((m) => m.content)).toEqual([
      { text: "one", parseMode: "text" },
      { text: "<b>two</b>", parseMode: "html" },
    ]);
  });

  it("checks the whole file first: a bad one names the place and changes nothing", async () => {
    emu = await Emulator.start();
    const before = JSON.stringify([emu.accounts(), emu.frames]);
    const bad: [unknown, RegExp][] = [
      [{ users: [{ login: "a b" }] }, /users\[0\]\.login must match/],
      [{ bots: [{ login: "b2" }] }, /bots\[0\]\.password is required/],
      [{ users: [{ login: "alice" }] }, /"alice" is declared twice/],
      [
        { users: [{ login: "x1" }], chats: [{ type: "group", owner: "x1", participants: ["nobody"] }] },
        /chats\[0\]\.participants\[0\]: no account "nobody"/,
      ],
      [{ chats: [{ type: "p2p", owner: "alice", participants: [] }] }, /exactly one participant/],
      [
        { chats: [{ type: "group", owner: "alice", messages: [{ from: "bob", text: "hi" }] }] },
        /messages\[0\]\.from: "bob" is not a member/,
      ],
      [{ chats: "none" }, /chats must be an array/],
      [[], /must be a JSON object/],
    ];
    for (const [file, message] of bad) {
      await expect(emu.loadWorld(file as never), JSON.stringify(file)).rejects.toThrow(message);
      await expect(emu.loadWorld(file as never)).rejects.toBeInstanceOf(EmulatorConfigError);
    }
    expect(JSON.stringify([emu.accounts(), emu.frames])).toBe(before);
  });
});
