import { describe, expect, it } from "vitest";
import { Api, type ApiRequester } from "../src/index.js";

describe("per-call options reach any requester (unit)", () => {
  it("each request of a call gets the call's timeout and signal, and nothing else", async () => {
    const seen: { method: string; options: unknown }[] = [];
    const requester: ApiRequester = {
      async request(method, _payload, options) {
        seen.push({ method, options });
        if (method === "getChats") return [];
        if (method === "getFileInfo")
          return { name: "a", size: 1, readyState: 2, fileId: "f", downloadUrl: null };
        return { chatId: "c" };
      },
    };
    const api = new Api(requester);
    const { signal } = new AbortController();
    await api.getChats({ count: 2, timeout: 1_234, signal });
    await api.getFileInfo({ fileId: "f", timeout: 99 });
    await api.createFavoritesChat({ signal });
    await api.createGroupChat({ title: "t" });
    expect(seen).toEqual([
      { method: "getChats", options: { timeout: 1_234, signal } },
      { method: "getFileInfo", options: { timeout: 99, signal: undefined } },
      { method: "createFavoritesChat", options: { timeout: undefined, signal } },
      { method: "createGroupChat", options: { timeout: undefined, signal: undefined } },
    ]);
    expect(seen[0]?.options).not.toHaveProperty("count");
  });
});
