/**
 * Waits `ms`, or less when `signal` aborts. It never rejects: the middleware that waits sends the request next,
 * and an aborted request then fails at once with the transport's `RequestAbortedError`, like any other.
 */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
