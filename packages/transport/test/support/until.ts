/** Resolves with the first truthy value of `check`, polled every 5 ms; rejects after `timeout` ms. */
export async function until<T>(check: () => T | undefined | null | false, timeout = 3000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
