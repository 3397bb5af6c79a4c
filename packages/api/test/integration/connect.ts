import { Emulator, type EmulatorOptions } from "@tc/emulator";
import { Transport } from "@tc/transport";
import { Api, type ApiOptions, type IncomingEvent, type Update } from "../../src/index.js";

/** A bot connected to a fresh emulator over real sockets, with every push parsed and kept. */
export interface Connected {
  emu: Emulator;
  transport: Transport;
  api: Api;
  /** Every parsed push so far, in arrival order. */
  events: (IncomingEvent | Update)[];
  /** The next push (already arrived or still to come) that `match` accepts; rejects after `timeout` ms. */
  nextEvent<T extends IncomingEvent | Update>(
    match: (event: IncomingEvent | Update) => event is T,
    timeout?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

/** Starts an emulator (seeded: bot, alice, bob, carol) and a transport + Api logged in as the bot. */
export async function connect(
  options: { emulator?: EmulatorOptions; api?: ApiOptions; receiveSystemMessages?: boolean } = {},
): Promise<Connected> {
  const emu = await Emulator.start(options.emulator);
  const transport = new Transport({
    server: "127.0.0.1",
    port: emu.port,
    https: false,
    credentials: { username: "bot", password: "bot-password" },
    receiveSystemMessages: options.receiveSystemMessages,
    timeout: 3_000,
  });
  const api = new Api(transport, { fileReadyTimeout: 5_000, fileReadyPollInterval: 20, ...options.api });
  const events: (IncomingEvent | Update)[] = [];
  const consumed = new Set<IncomingEvent | Update>();
  const waiters = new Set<() => void>();
  transport.on("update", (raw) => {
    events.push(api.parseUpdate(raw));
    for (const wake of waiters) wake();
  });
  await transport.start();

  function nextEvent<T extends IncomingEvent | Update>(
    match: (event: IncomingEvent | Update) => event is T,
    timeout = 3_000,
  ) {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = events.find((event): event is T => !consumed.has(event) && match(event));
        if (found === undefined) return;
        consumed.add(found);
        finish();
        resolve(found);
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(`no matching event within ${timeout} ms; got: ${events.map((e) => e.method).join(", ")}`),
        );
      }, timeout);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  return {
    emu,
    transport,
    api,
    events,
    nextEvent,
    close: async () => {
      await transport.stop();
      await emu.stop();
    },
  };
}

/** A type guard for `nextEvent` that matches one event class, optionally with a condition. */
export function isA<C extends abstract new (...args: never[]) => IncomingEvent | Update>(
  cls: C,
  where: (event: InstanceType<C>) => boolean = () => true,
): (event: IncomingEvent | Update) => event is InstanceType<C> {
  return (event): event is InstanceType<C> => event instanceof cls && where(event as InstanceType<C>);
}
