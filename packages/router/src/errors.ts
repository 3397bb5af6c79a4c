import { InvalidArgumentError, TrueConfChatBotError, type Update } from "@tc/api";

/**
 * `includeRouter` was given a router that already has a parent (a router belongs to one parent only; call
 * `child.detach()` first to move it).
 *
 * @example
 * dp.includeRouter(admin);
 * other.includeRouter(admin); // RouterAlreadyIncludedError: router "admin" is already included in "dispatcher"
 */
export class RouterAlreadyIncludedError extends InvalidArgumentError {}

/**
 * `includeRouter` would make a router its own ancestor (`a.includeRouter(b); b.includeRouter(a)`), or was
 * given the dispatcher, which is always the root.
 */
export class RouterCycleError extends InvalidArgumentError {}

/**
 * The dispatcher was stopped: it takes no more events (`feedUpdate` rejects with this error).
 */
export class DispatcherStoppedError extends TrueConfChatBotError {}

/**
 * A push of a known method whose payload does not have the documented shape. The dispatcher delivers it to
 * `router.error(...)` observers, never to the typed observers (their handlers could not trust the fields).
 * `issues` says what was wrong; `update` keeps the raw payload.
 *
 * @example
 * router.error(UpdateValidationError, ({ error }) => {
 *   console.warn(`${error.update.method} #${error.update.updateId}:`, error.issues.join("; "));
 * });
 */
export class UpdateValidationError extends TrueConfChatBotError {
  /** The push as received. */
  readonly update: Update;
  /** Why the schema refused it. */
  readonly issues: readonly string[];

  constructor(update: Update) {
    const issues = update.issues ?? [];
    // Only the schema's issues, never the payload: it may carry user data that has no place in logs.
    super(
      `${String(update.method)} push #${update.updateId} does not match its schema` +
        (issues.length > 0 ? `: ${issues.join("; ")}` : ""),
    );
    this.update = update;
    this.issues = issues;
  }
}
