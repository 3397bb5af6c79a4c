// Real events for the filter tests: the protocol samples' pushes, parsed by @tc/api, with changed fields.
import { Api, type IncomingEvent, Message, type Update } from "@tc/api";
import { protocolSamples } from "@tc/emulator/protocol-samples";

/** The bot's own id in these tests. */
export const botId = "support_bot@video.example.org";

/** An Api whose session is the bot's (`api.meId` is known); it never sends anything in these tests. */
export const api = new Api({
  session: { userId: `${botId}/80830e3b` },
  async request(method) {
    throw new Error(`unexpected call of ${method}`);
  },
});

let nextId = 1;

/** The n-th sample push of `method`, parsed, after `change` edited a copy of its payload. */
export function samplePush(
  method: string,
  change: (payload: Record<string, unknown>) => void = () => {},
  index = 0,
): IncomingEvent | Update {
  const sample = protocolSamples.events.filter((frame) => frame.method === method)[index];
  if (sample === undefined) throw new Error(`no sample push ${method}#${index}`);
  const payload = structuredClone(sample.payload) as Record<string, unknown>;
  change(payload);
  return api.parseUpdate({ method, id: nextId++, payload });
}

function asMessage(event: IncomingEvent | Update): Message {
  if (!(event instanceof Message)) throw new Error("the sample did not parse as a Message");
  return event;
}

/** A plain text message from `from` (default alice). */
export function textMessage(text: string, from = "alice.smirnova@video.example.org"): Message {
  return asMessage(
    samplePush("sendMessage", (payload) => {
      payload.content = { text, parseMode: "text" };
      payload.author = { id: from, type: 1 };
    }),
  );
}

/** An attachment message with the sample document's fields and this MIME type. */
export function fileMessage(mimeType: string, name = "error-trace.txt"): Message {
  return asMessage(
    samplePush(
      "sendMessage",
      (payload) => {
        payload.content = { ...(payload.content as object), mimeType, name };
      },
      2,
    ),
  );
}
