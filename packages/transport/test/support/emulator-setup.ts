import { Emulator, type EmulatorOptions } from "@tc/emulator";
import { Transport, type TransportOptions } from "../../src/index.js";

/** Starts an emulator on 127.0.0.1 (random port) and a transport pointed at it; `close` stops both. */
export async function startWithEmulator(
  options: Partial<TransportOptions> = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<{ emu: Emulator; transport: Transport; close: () => Promise<void> }> {
  const emu = await Emulator.start(emulatorOptions);
  const useToken = options.token === undefined && options.tokenProvider === undefined && !options.credentials;
  const transport = new Transport({
    server: "127.0.0.1",
    port: emu.port,
    https: emulatorOptions.tls !== undefined,
    timeout: 3000,
    wsBaseDelay: 10,
    wsMaxDelay: 40,
    ...(useToken ? { token: emu.issueToken("bot") } : {}),
    ...options,
  });
  return {
    emu,
    transport,
    close: async () => {
      await transport.stop();
      await emu.stop();
    },
  };
}
