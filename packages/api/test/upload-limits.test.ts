import { BufferedInputFile } from "@tc/files";
import { describe, expect, it } from "vitest";
import { Api, ApiErrorException, ErrorCode, FileSizeTooLargeError } from "../src/index.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

const chatId = "chat-1";
const threeBytes = () => new BufferedInputFile(new Uint8Array(3), { fileName: "a.txt" });

/** An Api over a requester that answers `getFileUploadLimits` with `limits` (a payload or a thrower). */
function setup(limits: unknown) {
  const requester = new ScriptedRequester({ getFileUploadLimits: limits });
  requester.httpBaseUrl = "http://127.0.0.1:9";
  return { requester, api: new Api(requester) };
}

describe("upload limits learned with getFileUploadLimits (unit, in-test requester)", () => {
  it("are fetched once before the first upload and enforced from then on", async () => {
    const { api, requester } = setup({ maxSize: 2, extensions: null });
    await expect(api.sendDocument({ chatId, file: threeBytes() })).rejects.toBeInstanceOf(
      FileSizeTooLargeError,
    );
    await expect(api.sendDocument({ chatId, file: threeBytes() })).rejects.toBeInstanceOf(
      FileSizeTooLargeError,
    );
    expect(requester.methods()).toEqual(["getFileUploadLimits"]);
  });

  it("are fetched by one request for concurrent uploads", async () => {
    const { api, requester } = setup({ maxSize: 2, extensions: null });
    const results = await Promise.allSettled([
      api.sendDocument({ chatId, file: threeBytes() }),
      api.sendPhoto({ chatId, file: threeBytes() }),
      api.editChatAvatar({ chatId, file: threeBytes() }),
    ]);
    expect(results.map((r) => r.status === "rejected" && r.reason instanceof FileSizeTooLargeError)).toEqual([
      true,
      true,
      true,
    ]);
    expect(requester.methods()).toEqual(["getFileUploadLimits"]);
  });

  it("are not asked again when the server answers with an error code (older than 5.5.3)", async () => {
    const { api, requester } = setup(() => {
      throw new ApiErrorException(ErrorCode.ROUTE_NOT_FOUND);
    });
    // The upload goes on unchecked: uploadFile is the next thing sent (and unanswered by this requester).
    await expect(api.sendDocument({ chatId, file: threeBytes() })).rejects.toThrow(
      /unexpected call of uploadFile/,
    );
    await expect(api.sendDocument({ chatId, file: threeBytes() })).rejects.toThrow(
      /unexpected call of uploadFile/,
    );
    expect(requester.methods()).toEqual(["getFileUploadLimits", "uploadFile", "uploadFile"]);
  });

  it("are asked again after a failure that is not an error code (a lost connection)", async () => {
    let failures = 1;
    const { api, requester } = setup(() => {
      if (failures-- > 0) throw new Error("connection lost");
      return { maxSize: 2, extensions: null };
    });
    await expect(api.sendDocument({ chatId, file: threeBytes() })).rejects.toThrow(
      /unexpected call of uploadFile/,
    );
    await expect(api.sendDocument({ chatId, file: threeBytes() })).rejects.toBeInstanceOf(
      FileSizeTooLargeError,
    );
    expect(requester.methods()).toEqual(["getFileUploadLimits", "uploadFile", "getFileUploadLimits"]);
  });
});
