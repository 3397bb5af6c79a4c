import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseProtocolSamples } from "../scripts/protocol-samples-parser.js";
import * as mainEntry from "../src/index.js";
import { protocolSamples } from "../src/protocol-samples.js";

/** The samples document, in the `shared/` folder next to the repository. */
const sourceDocument = fileURLToPath(new URL("../../../../shared/protocol-samples.md", import.meta.url));
const shipped = JSON.parse(
  readFileSync(new URL("../src/protocol-samples.json", import.meta.url), "utf8"),
) as unknown;

const { basics, http, methods, events } = protocolSamples;

describe("protocol-samples.json", () => {
  it("equals what its source document holds (regenerate with `pnpm samples` after changing the document)", () => {
    if (!existsSync(sourceDocument)) {
      throw new Error(
        `the protocol samples document is missing: expected ${sourceDocument} (the shared/ folder next to the repository); the shipped JSON cannot be checked without it`,
      );
    }
    expect(shipped).toEqual(parseProtocolSamples(readFileSync(sourceDocument, "utf8")));
    expect(JSON.parse(JSON.stringify(protocolSamples))).toEqual(shipped);
  });

  it("is served by the protocol-samples entry point only, not by the main bundle", () => {
    expect(Object.keys(mainEntry)).not.toContain("protocolSamples");
  });
});

describe("protocolSamples", () => {
  it("holds every client method of section C with a request and a success response of the same id", () => {
    expect(Object.keys(methods)).toHaveLength(32);
    for (const [name, sample] of Object.entries(methods)) {
      expect(sample.request).toMatchObject({ type: 1, method: name });
      expect(sample.response.type, name).toBe(2);
      expect(sample.response.id, name).toBe(sample.request.id);
      expect((sample.response.payload as { errorCode?: number }).errorCode ?? 0, name).toBe(0);
    }
    expect(methods.getChats.response.payload).toBeInstanceOf(Array);
    expect(methods.auth.alternatives).toEqual([{ type: 2, id: 1, payload: { errorCode: 203 } }]);
    expect(methods.uploadFile.alternatives).toEqual([{ type: 2, id: 25, payload: { errorCode: 310 } }]);
  });

  it("holds section D in order: eight envelopes, the 15 other events, one unknown method", () => {
    const envelopeTypes = events.filter((f) => f.method === "sendMessage").map((f) => f.payload.type);
    expect(envelopeTypes).toEqual([200, 200, 202, 202, 201, 203, 204, 21]);
    expect(events.map((f) => f.id)).toEqual(Array.from({ length: 24 }, (_, i) => 5732 + i));
    expect(new Set(events.map((f) => f.method)).size).toBe(17);
    expect(events.at(-1)?.method).toBe("someFutureEvent");
    expect(basics.ack).toEqual({ type: 2, id: basics.event.id });
    expect(basics.beforeAuth.payload).toEqual({ errorCode: 200 });
    expect(http.tokenResponse).toMatchObject({ token_type: "JWT", expires_in: 2592000 });
  });

  it("is deeply frozen, so one test cannot change another's fixtures", () => {
    const payload = methods.sendMessage.request.payload as { content: { text: string } };
    expect(() => {
      payload.content.text = "changed";
    }).toThrow(TypeError);
    expect(() => (events as unknown[]).push(1)).toThrow(TypeError);
  });
});
