import type { PayloadReader } from "./payload-reader.js";
import type { WorldCore } from "./world-core.js";

/**
 * One wire method: reads its payload, acts for the calling bot account, returns the success payload. Refusals
 * are thrown as `WorldRequestError` and turned into error responses by `World.handle`.
 */
export type MethodHandler = (
  core: WorldCore,
  caller: string,
  input: PayloadReader,
) => Record<string, unknown> | unknown[];

/** Wire method name → handler, one table per area. */
export type MethodTable = Readonly<Record<string, MethodHandler>>;
