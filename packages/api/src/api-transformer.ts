import type { RequestOptions } from "@tc/transport";

/** One outgoing wire request as it passes through the transformers of `api.use`. */
export interface ApiCall {
  /** The wire method, e.g. `"sendMessage"`. */
  method: string;
  /** The payload as the Api built it (already validated). */
  payload: unknown;
  /** The call's `timeout` and `signal`. */
  options: RequestOptions | undefined;
}

/**
 * Outgoing middleware: sees every wire request the Api makes, and decides whether, when and how often it goes on
 * (`next`), possibly changed. Transformers run in the order they were installed; the last `next` sends the
 * request. The promise's value is the raw response payload, checked against its schema afterwards.
 *
 * @example
 * const logCalls: ApiTransformer = async (call, next) => {
 *   const started = Date.now();
 *   try { return await next(call); } finally { console.log(call.method, Date.now() - started, "ms"); }
 * };
 * api.use(logCalls);
 */
export type ApiTransformer = (call: ApiCall, next: (call: ApiCall) => Promise<unknown>) => Promise<unknown>;

/** Runs `call` through `transformers` (first installed first), ending in `send`. */
export function runTransformers(
  transformers: readonly ApiTransformer[],
  call: ApiCall,
  send: (call: ApiCall) => Promise<unknown>,
): Promise<unknown> {
  const step = (index: number, current: ApiCall): Promise<unknown> => {
    const transformer = transformers[index];
    if (transformer === undefined) return send(current);
    try {
      return transformer(current, (next) => step(index + 1, next));
    } catch (error) {
      // A transformer that throws instead of rejecting still fails only this call.
      return Promise.reject(error);
    }
  };
  return step(0, call);
}
