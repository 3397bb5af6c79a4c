import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Api, Message, Update } from "../src/index.js";
import { sampleEvents } from "./fixtures/protocol-samples.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

const api = new Api(new ScriptedRequester({}, "support_bot@video.example.org/80830e3b"));
const methods = [...new Set(sampleEvents.map((e) => e.method))];

/** Parses and reads every getter a handler might touch; any throw fails the property. */
function parseAndRead(method: string, payload: unknown): void {
  const event = api.parseUpdate({ method, id: 1, payload });
  expect(event.method).toBe(method);
  if (event instanceof Message) {
    void [event.text, event.mention, event.document, event.photo, event.video, event.audio, event.sticker];
    void [event.forwarded?.text, event.location, event.survey, event.system, event.parseMode];
  } else if (!(event instanceof Update)) {
    expect(event.api).toBe(api);
  }
}

/** Replaces the value at one random path of a JSON value with another JSON value, or deletes it. */
function mutate(value: unknown, path: number[], replacement: unknown, remove: boolean): unknown {
  if (typeof value !== "object" || value === null || path.length === 0) return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head = 0, ...rest] = path;
  const index = head % entries.length;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...value };
  const [key, child] = entries[index] as readonly [string, unknown];
  if (remove && rest.length === 0 && !Array.isArray(value)) delete copy[key];
  else copy[key] = mutate(child, rest, replacement, remove);
  return copy;
}

describe("event parsing never throws", () => {
  it("on random JSON payloads for every event method", () => {
    fc.assert(
      fc.property(fc.constantFrom(...methods), fc.jsonValue(), (method, payload) =>
        parseAndRead(method, payload),
      ),
      { numRuns: 1500 },
    );
  });

  it("on mutated sample payloads (a value replaced or a key removed anywhere)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sampleEvents),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
        (event, path, replacement, remove) =>
          parseAndRead(event.method, mutate(event.payload, path, replacement, remove)),
      ),
      { numRuns: 3000 },
    );
  });

  it("on random objects shaped like envelopes (every field of a plausible type)", () => {
    const envelope = fc.record(
      {
        messageId: fc.oneof(fc.string(), fc.constant("")),
        chatId: fc.string(),
        timestamp: fc.oneof(fc.integer(), fc.double(), fc.string()),
        type: fc.oneof(fc.constantFrom(1, 2, 21, 22, 23, 110, 200, 201, 202, 203, 204), fc.integer()),
        author: fc.oneof(fc.record({ id: fc.string(), type: fc.integer() }), fc.jsonValue()),
        box: fc.jsonValue(),
        isEdited: fc.oneof(fc.boolean(), fc.jsonValue()),
        replyMessageId: fc.oneof(fc.string(), fc.constant(null)),
        content: fc.oneof(
          fc.record({ text: fc.string(), parseMode: fc.constantFrom("text", "html", "markdown", "plain") }),
          fc.record({ name: fc.string(), size: fc.integer(), fileId: fc.string(), mimeType: fc.string() }),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(envelope, (payload) => parseAndRead("sendMessage", payload)),
      { numRuns: 2000 },
    );
  });

  it("on arbitrary values handed over as the raw update itself", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ method: fc.string(), id: fc.anything(), payload: fc.jsonValue() }),
        ),
        (raw) => {
          const event = api.parseUpdate(raw as never);
          expect(typeof event.method).toBe("string");
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("on deeply nested forwards (bounded, no stack exhaustion)", () => {
    let payload: Record<string, unknown> = { text: "innermost", parseMode: "text" };
    for (let i = 0; i < 2000; i++) {
      payload = {
        messageId: `m${i}`,
        chatId: "c",
        timestamp: i,
        type: 201,
        author: { id: "a", type: 1 },
        content: payload,
      };
    }
    const event = api.parseUpdate({ method: "sendMessage", id: 1, payload });
    expect(event).toBeInstanceOf(Message);
  });
});
