// The code blocks of docs/filters.md, as functions of what they use (a router, a directory, a profile store):
// each `#region` body is one block, type-checked here and run by docs-blocks.test.ts.
import type { Message } from "@tc/api";
import { Command, F, type Router } from "../../src/index.js";

export function typesFollowTheFilters(router: Router) {
  // #region typesFollowTheFilters
  router.message(F.text, (m) => m.text.toUpperCase()); // m.text: string
  router.message(F.photo, (m) => m.photo.download()); // m.photo: Photo
  router.message(F.text.eq("ping"), (m) => m.answer("pong")); // m.text: "ping"
  router.message(Command("echo"), (m, ctx) => m.answer(ctx.command.args ?? "")); // ctx.command: CommandObject
  // #endregion typesFollowTheFilters
}

/** Who is in which group (the directory service of the example). */
export interface Directory {
  groupsOf(userId: string): Promise<string[]>;
}

/** Profiles by user id (the profile store of the example). */
export interface Profiles {
  get(userId: string): Promise<{ name: string }>;
}

export function customFilters(router: Router, directory: Directory, profiles: Profiles) {
  // #region customFilters
  class InGroupFilter {
    constructor(readonly group: string) {}
    async check(message: Message): Promise<boolean> {
      const groups = await directory.groupsOf(message.fromUser.id);
      return groups.includes(this.group);
    }
  }
  router.message(Command("admin"), new InGroupFilter("0032"), (m) => m.answer("Welcome to the admin panel!"));
  // A plain object result is merged into ctx, with its type (annotate the event: an untyped parameter would
  // leave the result's type to be inferred after the handler's, and ctx would not know the field):
  router.message(
    async (m: Message) => ({ profile: await profiles.get(m.fromUser.id) }),
    (m, ctx) => m.answer(`Hello, ${ctx.profile.name}`),
  );
  // #endregion customFilters
}
