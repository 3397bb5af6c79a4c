// The playground's only way to the emulator: the HTTP control API on the same origin, and its event stream.

const prefix = "/emulator/api";

/** A control API answer that was not a success: the API's JSON error with the HTTP status. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * A client of the control API. The control token (needed when the emulator listens on a non-loopback address)
 * comes from the page's #fragment, which the browser never sends to a server, and stays in this tab.
 */
export class ApiClient {
  constructor(token) {
    this.token = token;
  }

  headers(extra = {}) {
    return this.token ? { ...extra, authorization: `Bearer ${this.token}` } : extra;
  }

  async request(method, path, body) {
    const init = { method, headers: this.headers() };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.headers = this.headers({ "content-type": "application/json" });
      init.body = JSON.stringify(body);
    }
    const res = await fetch(`${prefix}${path}`, init);
    const text = await res.text();
    const json = text === "" ? undefined : JSON.parse(text);
    if (!res.ok) throw new ApiError(res.status, json);
    return json;
  }

  get(path) {
    return this.request("GET", path);
  }

  post(path, body) {
    return this.request("POST", path, body ?? {});
  }

  put(path, body) {
    return this.request("PUT", path, body);
  }

  delete(path) {
    return this.request("DELETE", path);
  }

  /**
   * Follows the event stream (Server-Sent Events read with fetch, so the token can travel in a header) and calls
   * `onEvent(name, data)` for each event; reconnects after a second when the stream ends.
   */
  follow(onEvent, onState) {
    let stopped = false;
    const controller = new AbortController();
    const run = async () => {
      while (!stopped) {
        try {
          const res = await fetch(`${prefix}/events`, { headers: this.headers(), signal: controller.signal });
          if (!res.ok || res.body === null) throw new Error(`HTTP ${res.status}`);
          onState(true);
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = "";
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end = buffer.indexOf("\n\n");
            while (end !== -1) {
              dispatch(buffer.slice(0, end), onEvent);
              buffer = buffer.slice(end + 2);
              end = buffer.indexOf("\n\n");
            }
          }
        } catch {
          // the emulator stopped or the network went away: try again shortly
        }
        onState(false);
        if (!stopped) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    void run();
    return () => {
      stopped = true;
      controller.abort();
    };
  }
}

function dispatch(block, onEvent) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) name = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  if (data.length > 0) onEvent(name, JSON.parse(data.join("\n")));
}
