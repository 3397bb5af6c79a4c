/**
 * What `Command` found in a message, in `ctx.command` of the handler.
 *
 * @example
 * router.message(Command("echo"), (message, { command }) => message.answer(command.args ?? "(nothing)"));
 */
export interface CommandObject {
  /** The prefix character the text started with (`/`, `!`, …). */
  readonly prefix: string;
  /** The command name without prefix and mention (`start` for `/start@support_bot now`). */
  readonly command: string;
  /** Everything after the first run of whitespace, leading whitespace removed; `undefined` when nothing follows. */
  readonly args: string | undefined;
  /** The bot name after `@` (`support_bot` for `/start@support_bot`), as written; `undefined` without one. */
  readonly mention: string | undefined;
  /** The match when the command was given as a RegExp, else `undefined`. */
  readonly regexpMatch: RegExpExecArray | undefined;
  /** The truthy value the `magic` option resolved to, else `undefined`. */
  readonly magicResult: unknown;
}
