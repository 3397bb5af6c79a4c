import type { Emulator } from "../../src/index.js";

/** One answer of the control API: status and parsed JSON body (undefined for 204). */
export interface ControlAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route returns
  body: any;
}

/** A fetch-based client of the control API, as any HTTP tool would use it. */
export function controlClient(emu: Emulator, token = emu.controlToken) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    const res = await fetch(`${emu.controlApiUrl}${path}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // plain text routes (the transcript)
    }
    return { status: res.status, body: parsed } as ControlAnswer;
  };
}
