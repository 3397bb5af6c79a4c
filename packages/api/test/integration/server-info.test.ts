import { Emulator } from "@tc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, ServerInfoUnavailableError, UnsupportedServerVersionError } from "../../src/index.js";
import { type Connected, connect } from "./connect.js";

let world: Connected;
beforeAll(async () => {
  world = await connect({ emulator: { serverName: "video.example.test", serverVersion: "5.5.3.10245" } });
});
afterAll(async () => {
  await world?.close();
});

describe("server info over GET /api/v4/server", () => {
  it("serverName / serverVersion / checkVersion, fetched once and cached", async () => {
    const { api } = world;
    expect(await api.serverName()).toBe("video.example.test");
    expect(await api.serverVersion()).toBe("5.5.3.10245");
    expect(await api.checkVersion()).toBe("5.5.3.10245");
  });

  it("completes bare user ids with the server's domain", async () => {
    const { api, emu } = world;
    const { chatId } = await api.createPersonalChat({ userId: "alice" });
    const sent = emu.requests("createP2PChat").at(-1)?.frame as { payload: { userId: string } };
    expect(sent.payload.userId).toBe("alice@video.example.test");
    expect(emu.chat(chatId)?.participants.map((p) => p.userId)).toContain("alice@video.example.test");
  });

  it("refuses servers older than 5.5.3", async () => {
    const old = await Emulator.start({ serverVersion: "5.5.2" });
    try {
      const api = new Api({ request: async () => ({}), httpBaseUrl: old.httpUrl });
      const error = await api.checkVersion().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedServerVersionError);
      expect((error as UnsupportedServerVersionError).version).toBe("5.5.2");
    } finally {
      await old.stop();
    }
  });

  it("fails clearly when the server cannot be reached, and tries again next time", async () => {
    const gone = await Emulator.start();
    const url = gone.httpUrl;
    await gone.stop();
    const requests: string[] = [];
    const api = new Api({
      request: async (method: string) => {
        requests.push(method);
        return {};
      },
      httpBaseUrl: url,
    });
    const error = await api.createPersonalChat({ userId: "alice" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerInfoUnavailableError);
    expect((error as Error).message).not.toMatch(/undefined/);
    expect(requests).toEqual([]);
    await expect(api.serverName()).rejects.toBeInstanceOf(ServerInfoUnavailableError);
  });
});
