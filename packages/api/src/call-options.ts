/**
 * Per-call options that every `Api` method accepts as the last fields of its options object (methods without
 * other options take them as their only argument). They are passed to the transport's `request` of each
 * WebSocket request the call makes; a file upload's HTTP transfer also stops when `signal` aborts.
 *
 * @example
 * await api.sendMessage({ chatId, text: "ping", timeout: 2_000 });
 * const controller = new AbortController();
 * const pending = api.getChats({ count: 100, signal: controller.signal });
 * controller.abort(); // pending rejects with the transport's RequestAbortedError
 */
export interface CallOptions {
  /** Milliseconds until a request of this call fails with the transport's timeout error; defaults to its `timeout`. */
  timeout?: number | undefined;
  /** Aborting it rejects the call; a request already written may still be carried out by the server. */
  signal?: AbortSignal | undefined;
}
