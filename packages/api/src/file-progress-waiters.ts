/**
 * Waits for `uploadFileProgress` pushes of files being downloaded. A waiter is registered before subscribing,
 * because the server may push progress before it answers `subscribeFileProgress`.
 */
export class FileProgressWaiters {
  readonly #waiters = new Map<string, Set<(progress: number) => void>>();

  /** Feeds one progress push to the waiters of its file. */
  notify(fileId: string, progress: number): void {
    for (const waiter of this.#waiters.get(fileId) ?? []) waiter(progress);
  }

  /**
   * Registers a waiter that resolves once `progress >= size`. `done` is the promise; `cancel` removes the
   * waiter (always call it, success or not).
   */
  register(fileId: string, size: number): { done: Promise<void>; cancel: () => void } {
    let listener: (progress: number) => void = () => {};
    const done = new Promise<void>((resolve) => {
      listener = (progress) => {
        if (progress >= size) resolve();
      };
    });
    let set = this.#waiters.get(fileId);
    if (set === undefined) {
      set = new Set();
      this.#waiters.set(fileId, set);
    }
    set.add(listener);
    const cancel = () => {
      const current = this.#waiters.get(fileId);
      current?.delete(listener);
      if (current?.size === 0) this.#waiters.delete(fileId);
    };
    return { done, cancel };
  }
}
