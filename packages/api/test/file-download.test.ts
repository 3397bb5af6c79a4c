import { describe, expect, it } from "vitest";
import {
  Api,
  DownloadError,
  FileNotAvailableError,
  FileNotReadyError,
  TrueConfChatBotError,
} from "../src/index.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

const fileId = "f1";
const info = (readyState: number, downloadUrl: string | null = null) => ({
  name: "a.bin",
  size: 10,
  mimeType: "application/octet-stream",
  readyState,
  fileId,
  downloadUrl,
  previews: null,
});

describe("downloadFileById flow (unit, in-test requester; byte transfer is covered by the integration tests)", () => {
  it("NOT_AVAILABLE is a typed error and nothing else is asked", async () => {
    const requester = new ScriptedRequester({ getFileInfo: info(0) });
    const error = await new Api(requester).downloadFileById(fileId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileNotAvailableError);
    expect(error).toBeInstanceOf(TrueConfChatBotError);
    expect((error as FileNotAvailableError).fileId).toBe(fileId);
    expect(requester.methods()).toEqual(["getFileInfo"]);
  });

  it("a file that turns NOT_AVAILABLE while waiting fails the same way and unsubscribes", async () => {
    const states = [info(1), info(0)];
    const requester = new ScriptedRequester({
      getFileInfo: () => states.shift() ?? info(0),
      subscribeFileProgress: { result: true },
      unsubscribeFileProgress: { result: true },
    });
    await expect(new Api(requester).downloadFileById(fileId)).rejects.toBeInstanceOf(FileNotAvailableError);
    expect(requester.methods()).toEqual([
      "getFileInfo",
      "subscribeFileProgress",
      "getFileInfo",
      "unsubscribeFileProgress",
    ]);
  });

  it("progress pushed before the subscription is answered still completes the wait", async () => {
    let ready = false;
    const requester = new ScriptedRequester({
      getFileInfo: () => (ready ? info(2, "http://127.0.0.1:9/never-fetched") : info(1)),
      subscribeFileProgress: () => {
        // The server pushes the last progress before it answers the subscription (PROTOCOL.md 1.7).
        requester.push({ method: "uploadFileProgress", id: 1, payload: { fileId, progress: 10 } });
        return { result: true };
      },
      unsubscribeFileProgress: () => {
        ready = true;
        return { result: true };
      },
    });
    const api = new Api(requester, { fileReadyTimeout: 2_000, fileReadyPollInterval: 5 });
    // The final GET goes to a closed port: the flow got as far as streaming, which is what this test is about.
    await expect(api.downloadFileById(fileId)).rejects.toBeInstanceOf(DownloadError);
    expect(requester.methods()).toEqual([
      "getFileInfo",
      "subscribeFileProgress",
      "getFileInfo",
      "unsubscribeFileProgress",
      "getFileInfo",
    ]);
  });

  it("a wait that runs out is FileNotReadyError; the subscription is still removed", async () => {
    const requester = new ScriptedRequester({
      getFileInfo: info(1),
      subscribeFileProgress: { result: true },
      unsubscribeFileProgress: { result: true },
    });
    const api = new Api(requester, { fileReadyPollInterval: 5 });
    const error = await api.downloadFileById(fileId, { timeout: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileNotReadyError);
    expect((error as Error).message).toContain("50 ms");
    expect(requester.methods()).toContain("unsubscribeFileProgress");
  });

  it("a file READY without a URL yet is polled until the URL appears", async () => {
    const answers = [info(2, null), info(2, null), info(2, null), info(2, null)];
    const requester = new ScriptedRequester({
      getFileInfo: () => answers.shift() ?? info(2, "http://127.0.0.1:9/x"),
      subscribeFileProgress: { result: true },
      unsubscribeFileProgress: { result: true },
    });
    const api = new Api(requester, { fileReadyPollInterval: 5 });
    await expect(api.downloadFileById(fileId, { timeout: 2_000 })).rejects.toBeInstanceOf(DownloadError);
    expect(requester.methods().filter((m) => m === "getFileInfo").length).toBeGreaterThanOrEqual(5);
  });
});
