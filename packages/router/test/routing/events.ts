// Events for the routing tests, parsed by the real @tc/api from the frames of the protocol samples.
import { Api, type IncomingEvent, Message, type RawUpdate, type Update } from "@tc/api";
import { protocolSamples } from "@tc/emulator/protocol-samples";

/** One call the Api made through the recording requester. */
export interface Call {
  method: string;
  payload: unknown;
}

/** An Api over a requester that records every call and answers like the server does (samples of section C). */
export function recordingApi(botId = "bot@video.example.org"): { api: Api; calls: Call[] } {
  const calls: Call[] = [];
  const answers = protocolSamples.methods;
  const api = new Api({
    session: { userId: botId },
    async request(method, payload) {
      calls.push({ method, payload });
      const sample = (answers as Record<string, { response: { payload?: unknown } } | undefined>)[method];
      return sample?.response.payload ?? {};
    },
  });
  return { api, calls };
}

let nextId = 1000;

/** The sample push of `method` (the first one of section D), with a fresh frame id. */
export function sampleFrame(
  method: string,
  changes: (payload: Record<string, unknown>) => void = () => {},
): RawUpdate {
  const sample = protocolSamples.events.find((frame) => frame.method === method);
  if (sample === undefined) throw new Error(`no sample push of ${method}`);
  const payload = structuredClone(sample.payload) as Record<string, unknown>;
  changes(payload);
  return { method, id: nextId++, payload };
}

/** A parsed event of `method` from its sample. */
export function sampleEvent(api: Api, method: string, changes?: (payload: Record<string, unknown>) => void) {
  return api.parseUpdate(sampleFrame(method, changes));
}

/** The raw frame of a text message `text` in `chatId` from `userId`. */
export function textFrame(text: string, options: { chatId?: string; userId?: string } = {}): RawUpdate {
  return sampleFrame("sendMessage", (payload) => {
    payload.content = { text, parseMode: "text" };
    payload.messageId = `m-${nextId}`;
    if (options.chatId !== undefined) payload.chatId = options.chatId;
    if (options.userId !== undefined) payload.author = { id: options.userId, type: 1 };
  });
}

/** A parsed text message. */
export function textMessage(
  api: Api,
  text: string,
  options: { chatId?: string; userId?: string } = {},
): Message {
  const event = api.parseUpdate(textFrame(text, options));
  if (!(event instanceof Message)) throw new Error("the sample did not parse as a Message");
  return event;
}

/** Every sample push of section D, parsed (typed events, and the unknown one as an Update). */
export function allSampleEvents(api: Api): (IncomingEvent | Update)[] {
  return protocolSamples.events.map((frame) =>
    api.parseUpdate({ method: frame.method, id: nextId++, payload: structuredClone(frame.payload) }),
  );
}
