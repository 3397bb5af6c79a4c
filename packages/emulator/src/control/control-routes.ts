import type { Human } from "../world/human.js";
import type { AccountSnapshot } from "../world/world-events.js";
import { type ControlContext, ControlError, type ControlReply, type ControlRoute } from "./control-route.js";
import { frameJson as frameJsonOf } from "./frame-json.js";
import {
  arraySchema,
  booleanSchema,
  integerSchema,
  type JsonSchema,
  nonEmpty,
  nullable,
  objectSchema,
  stringSchema,
} from "./json-schema.js";
import { openApiDocument } from "./openapi.js";

const parseMode = stringSchema({ enum: ["text", "markdown", "html"], description: 'default "text"' });
const login = stringSchema({ minLength: 1, pattern: "^[^\\s@/]+$", description: "no spaces, '@' or '/'" });
const userName = nonEmpty("a login (alice) or a full TrueConf ID (alice@server)");
const users = arraySchema(userName);
const role = nonEmpty("owner, admin, user, writer… (or its number)");
const method = nonEmpty('a wire method ("sendMessage"), or "*" for every method');
const count = integerSchema({ minimum: 1, description: "how many requests (default: all until reset)" });
const ms = integerSchema({ minimum: 0, maximum: 600_000, description: "milliseconds (0 switches it off)" });
const uploadLimits = objectSchema(
  {
    maxSize: nullable(integerSchema({ minimum: 0, description: "bytes" })),
    extensions: nullable(
      objectSchema({ mode: stringSchema({ enum: ["allow", "block"] }), list: arraySchema(stringSchema()) }, [
        "mode",
        "list",
      ]),
    ),
  },
  ["maxSize", "extensions"],
);
const idResult = (key: string): JsonSchema => objectSchema({ [key]: stringSchema() }, [key]);
const listOf = (key: string): JsonSchema => objectSchema({ [key]: arraySchema(objectSchema({})) }, [key]);

const ok = (json: unknown, status = 200): ControlReply => ({ status, json });
const created = (json: unknown): ControlReply => ({ status: 201, json });
const noContent: ControlReply = { status: 204 };

/** The account named by a path parameter, or 404 naming the parameter. */
function accountParam(context: ControlContext, name: string): AccountSnapshot {
  const user = context.params[name] ?? "";
  const account = context.target.world.account(user);
  if (!account) throw new ControlError(404, "not_found", `no account "${user}"`, name);
  return account;
}

/** The simulated human of `{user}`: bot accounts act over the WebSocket, not here. */
function human(context: ControlContext): Human {
  const account = accountParam(context, "user");
  if (account.isBot)
    throw new ControlError(
      400,
      "invalid_request",
      `"${account.login}" is a bot account: bots act over the WebSocket`,
      "user",
    );
  return context.target.world.as(account.userId);
}

function botParam(context: ControlContext): AccountSnapshot {
  const account = accountParam(context, "bot");
  if (!account.isBot)
    throw new ControlError(400, "invalid_request", `"${account.login}" is not a bot account`, "bot");
  return account;
}

function text(body: Record<string, unknown>) {
  return {
    text: body.text as string,
    parseMode: (body.parseMode as "text" | "markdown" | "html" | undefined) ?? "text",
  };
}

function str(value: unknown): string {
  return value as string;
}

function requiredFile(context: ControlContext, name: string) {
  const file = context.files.get(name);
  if (!file) throw new ControlError(400, "invalid_request", `${name} is required (a file part)`, name);
  return file;
}

const paramUser = { user: "the acting human: a login or a full TrueConf ID" };
const paramChat = { chatId: "the chat's id" };

/**
 * The control API: every route, in the order the OpenAPI document lists them. Routing, request validation and
 * the OpenAPI document are all read from this table.
 */
export const controlRoutes: readonly ControlRoute[] = [
  // ── about the API and the emulator ──
  {
    method: "GET",
    path: "/openapi.json",
    tag: "meta",
    summary: "This API as an OpenAPI 3.1 document",
    response: { status: 200, description: "the document" },
    handle: () => ok(openApiDocument(controlRoutes)),
  },
  {
    method: "GET",
    path: "/info",
    tag: "meta",
    summary: "The emulator's URLs, server name and frame log cursor",
    response: { status: 200, description: "server facts" },
    handle: ({ target }) => ok(target.info()),
  },

  // ── accounts ──
  {
    method: "GET",
    path: "/users",
    tag: "accounts",
    summary: "Every account, humans and bots (never a password)",
    response: { status: 200, description: "the accounts", schema: listOf("users") },
    handle: ({ target }) => ok({ users: target.world.accounts() }),
  },
  {
    method: "POST",
    path: "/users",
    tag: "accounts",
    summary: "Add a human user",
    body: { kind: "json", schema: objectSchema({ login, displayName: nonEmpty() }, ["login"]) },
    response: { status: 201, description: "the new user's TrueConf ID", schema: idResult("userId") },
    handle: ({ target, body }) =>
      created(
        target.world.addUser({ login: str(body.login), displayName: body.displayName as string | undefined }),
      ),
  },
  {
    method: "GET",
    path: "/bots",
    tag: "accounts",
    summary: "Every bot account with its WebSocket sessions",
    response: { status: 200, description: "the bots", schema: listOf("bots") },
    handle: ({ target }) => {
      const sessions = target.sessions();
      const bots = target.world
        .accounts()
        .filter((account) => account.isBot)
        .map((bot) => ({ ...bot, sessions: sessions.filter((session) => session.userId === bot.userId) }));
      return ok({ bots });
    },
  },
  {
    method: "POST",
    path: "/bots",
    tag: "accounts",
    summary: "Add a bot account that can log in with login and password",
    body: {
      kind: "json",
      schema: objectSchema({ login, password: nonEmpty(), displayName: nonEmpty() }, ["login", "password"]),
    },
    response: { status: 201, description: "the bot's TrueConf ID and login", schema: idResult("userId") },
    handle: ({ target, body }) => {
      const bot = target.world.addBot({
        login: str(body.login),
        password: str(body.password),
        displayName: body.displayName as string | undefined,
      });
      return created({ userId: bot.userId, login: bot.login });
    },
  },
  {
    method: "POST",
    path: "/bots/{bot}/token",
    tag: "accounts",
    summary: "Issue a token the bot's `auth` accepts, without the OAuth round trip",
    params: { bot: "the bot's login or TrueConf ID" },
    body: {
      kind: "json",
      schema: objectSchema({
        expiresInSeconds: integerSchema({ description: "default: the tokenLifetimeSeconds protocol option" }),
      }),
    },
    response: { status: 200, description: "the token", schema: idResult("token") },
    handle: (context) => {
      const bot = botParam(context);
      const expires = context.body.expiresInSeconds as number | undefined;
      return ok({
        token: context.target.issueToken(
          bot.userId,
          expires === undefined ? {} : { expiresInSeconds: expires },
        ),
      });
    },
  },

  // ── chats, as the world holds them ──
  {
    method: "GET",
    path: "/chats",
    tag: "chats",
    summary: "Every chat with its members",
    response: { status: 200, description: "the chats", schema: listOf("chats") },
    handle: ({ target }) => ok({ chats: target.world.chats() }),
  },
  {
    method: "POST",
    path: "/chats",
    tag: "chats",
    summary: "Create a chat as if its owner had created it (an existing P2P or Favorites chat is returned)",
    body: {
      kind: "json",
      schema: objectSchema(
        {
          type: stringSchema({ enum: ["p2p", "group", "channel", "favorites"] }),
          title: nonEmpty('default "Untitled" (groups, channels)'),
          owner: userName,
          participants: users,
        },
        ["type", "owner"],
      ),
    },
    response: { status: 201, description: "the chat's id", schema: idResult("chatId") },
    handle: ({ target, body }) =>
      created({
        chatId: target.world.createChat({
          type: body.type as "p2p",
          owner: str(body.owner),
          ...(body.title === undefined ? {} : { title: str(body.title) }),
          ...(body.participants === undefined ? {} : { participants: body.participants as string[] }),
        }),
      }),
  },
  {
    method: "GET",
    path: "/chats/{chatId}",
    tag: "chats",
    summary: "One chat: type, title and members",
    params: paramChat,
    response: { status: 200, description: "the chat" },
    handle: ({ target, params }) => ok(chatOr404(target.world.chat(str(params.chatId)), str(params.chatId))),
  },
  {
    method: "GET",
    path: "/chats/{chatId}/participants",
    tag: "chats",
    summary: "The members of a chat with their roles",
    params: paramChat,
    response: { status: 200, description: "the members", schema: listOf("participants") },
    handle: ({ target, params }) =>
      ok({ participants: chatOr404(target.world.chat(str(params.chatId)), str(params.chatId)).participants }),
  },
  {
    method: "GET",
    path: "/chats/{chatId}/messages",
    tag: "chats",
    summary: "Every message of a chat not removed for everyone, oldest first, as wire envelopes",
    params: paramChat,
    response: { status: 200, description: "the messages", schema: listOf("messages") },
    handle: ({ target, params }) => {
      chatOr404(target.world.chat(str(params.chatId)), str(params.chatId));
      return ok({ messages: target.world.messages(str(params.chatId)) });
    },
  },

  // ── acting as a human ──
  {
    method: "GET",
    path: "/as/{user}/chats",
    tag: "humans",
    summary: "The user's chats as its client lists them (title as it sees it, unreadMessages, lastMessage)",
    params: paramUser,
    response: { status: 200, description: "the chats", schema: listOf("chats") },
    handle: (context) => ok({ chats: context.target.world.chatsOf(accountParam(context, "user").userId) }),
  },
  {
    method: "GET",
    path: "/as/{user}/chats/{chatId}/messages",
    tag: "humans",
    summary: "The messages of a chat the user sees, oldest first",
    params: { ...paramUser, ...paramChat },
    response: { status: 200, description: "the messages", schema: listOf("messages") },
    handle: (context) =>
      ok({
        messages: context.target.world.historyOf(
          accountParam(context, "user").userId,
          str(context.params.chatId),
        ),
      }),
  },
  {
    method: "POST",
    path: "/as/{user}/chats/{chatId}/read",
    tag: "humans",
    summary: "Mark every message of the chat as read by the user",
    params: { ...paramUser, ...paramChat },
    response: { status: 204, description: "marked" },
    handle: (context) => {
      context.target.world.markRead(accountParam(context, "user").userId, str(context.params.chatId));
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/as/{user}/messages",
    tag: "humans",
    summary: "Send a text message (optionally a reply) as the user",
    params: paramUser,
    body: {
      kind: "json",
      schema: objectSchema({ chatId: nonEmpty(), text: nonEmpty(), parseMode, replyMessageId: nonEmpty() }, [
        "chatId",
        "text",
      ]),
    },
    response: { status: 201, description: "the new message's id", schema: idResult("messageId") },
    handle: async (context) => {
      const { body } = context;
      const user = human(context);
      const content = text(body);
      return created(
        body.replyMessageId === undefined
          ? await user.send(str(body.chatId), content)
          : await user.reply(str(body.chatId), str(body.replyMessageId), content),
      );
    },
  },
  {
    method: "POST",
    path: "/as/{user}/files",
    tag: "humans",
    summary: "Send a file (multipart: a file part, an optional preview image, caption fields) as the user",
    params: paramUser,
    body: {
      kind: "multipart",
      fields: objectSchema(
        {
          chatId: nonEmpty(),
          caption: nonEmpty(),
          parseMode,
          replyMessageId: nonEmpty(),
          ready: booleanSchema("false: the file stays UPLOADING until finished (default true)"),
        },
        ["chatId"],
      ),
      files: [
        { name: "file", required: true, description: "the file; its filename and content type are kept" },
        { name: "preview", required: false, description: "a preview image" },
      ],
    },
    response: { status: 201, description: "the message and file ids", schema: idResult("messageId") },
    handle: async (context) => {
      const { body } = context;
      const user = human(context);
      const file = requiredFile(context, "file");
      if (file.filename === "" || /[/\\]/.test(file.filename))
        throw new ControlError(400, "invalid_request", "file needs a filename without slashes", "file");
      const preview = context.files.get("preview");
      return created(
        await user.sendFile(str(body.chatId), {
          name: file.filename,
          data: file.data,
          mimeType: file.mimeType || "application/octet-stream",
          ...(preview ? { preview: preview.data } : {}),
          ...(body.caption === undefined
            ? {}
            : { caption: { text: str(body.caption), parseMode: text(body).parseMode } }),
          ...(body.replyMessageId === undefined ? {} : { replyMessageId: str(body.replyMessageId) }),
          ...(body.ready === undefined ? {} : { ready: body.ready as boolean }),
        }),
      );
    },
  },
  {
    method: "GET",
    path: "/as/{user}/files/{fileId}",
    tag: "humans",
    summary: "A file the user may see, with its download URLs (the getFileInfo answer)",
    params: { ...paramUser, fileId: "the file's id" },
    response: { status: 200, description: "the file" },
    handle: (context) =>
      ok(context.target.world.fileOf(accountParam(context, "user").userId, str(context.params.fileId))),
  },
  {
    method: "PUT",
    path: "/as/{user}/messages/{messageId}",
    tag: "humans",
    summary: "Edit one of the user's own text messages",
    params: { ...paramUser, messageId: "the message's id" },
    body: { kind: "json", schema: objectSchema({ text: nonEmpty(), parseMode }, ["text"]) },
    response: { status: 204, description: "edited" },
    handle: async (context) => {
      await human(context).edit(str(context.params.messageId), text(context.body));
      return noContent;
    },
  },
  {
    method: "DELETE",
    path: "/as/{user}/messages/{messageId}",
    tag: "humans",
    summary: "Remove a message for the user only, or for everyone (forAll=true)",
    params: { ...paramUser, messageId: "the message's id" },
    query: objectSchema({ forAll: booleanSchema("default false") }),
    response: { status: 204, description: "removed" },
    handle: async (context) => {
      await human(context).remove(str(context.params.messageId), { forAll: context.query.forAll === true });
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/as/{user}/messages/{messageId}/forward",
    tag: "humans",
    summary: "Forward a message into another chat",
    params: { ...paramUser, messageId: "the message's id" },
    body: { kind: "json", schema: objectSchema({ chatId: nonEmpty("the target chat") }, ["chatId"]) },
    response: { status: 201, description: "the new message's id", schema: idResult("messageId") },
    handle: async (context) =>
      created(await human(context).forward(str(context.params.messageId), str(context.body.chatId))),
  },
  {
    method: "POST",
    path: "/as/{user}/p2p-chats",
    tag: "humans",
    summary: "Open (or find) the P2P chat with another user",
    params: paramUser,
    body: { kind: "json", schema: objectSchema({ with: userName }, ["with"]) },
    response: { status: 201, description: "the chat's id", schema: idResult("chatId") },
    handle: async (context) =>
      created({ chatId: await human(context).createP2PChat(str(context.body.with)) }),
  },
  {
    method: "POST",
    path: "/as/{user}/group-chats",
    tag: "humans",
    summary: "Create a group chat owned by the user",
    params: paramUser,
    body: { kind: "json", schema: objectSchema({ title: nonEmpty(), participants: users }, ["title"]) },
    response: { status: 201, description: "the chat's id", schema: idResult("chatId") },
    handle: async (context) =>
      created({
        chatId: await human(context).createGroupChat(
          str(context.body.title),
          (context.body.participants as string[]) ?? [],
        ),
      }),
  },
  {
    method: "POST",
    path: "/as/{user}/channels",
    tag: "humans",
    summary: "Create a channel owned by the user (members join as plain users)",
    params: paramUser,
    body: { kind: "json", schema: objectSchema({ title: nonEmpty(), participants: users }, ["title"]) },
    response: { status: 201, description: "the chat's id", schema: idResult("chatId") },
    handle: async (context) =>
      created({
        chatId: await human(context).createChannel(
          str(context.body.title),
          (context.body.participants as string[]) ?? [],
        ),
      }),
  },
  {
    method: "DELETE",
    path: "/as/{user}/chats/{chatId}",
    tag: "humans",
    summary: "Remove a chat",
    params: { ...paramUser, ...paramChat },
    response: { status: 204, description: "removed" },
    handle: async (context) => {
      await human(context).removeChat(str(context.params.chatId));
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/as/{user}/chats/{chatId}/participants",
    tag: "humans",
    summary: "Add a member to a group chat or channel",
    params: { ...paramUser, ...paramChat },
    body: {
      kind: "json",
      schema: objectSchema(
        { user: userName, displayHistory: booleanSchema("show earlier messages (default false)") },
        ["user"],
      ),
    },
    response: { status: 204, description: "added" },
    handle: async (context) => {
      const { body } = context;
      await human(context).addParticipant(str(context.params.chatId), str(body.user), {
        displayHistory: body.displayHistory === true,
      });
      return noContent;
    },
  },
  {
    method: "DELETE",
    path: "/as/{user}/chats/{chatId}/participants/{member}",
    tag: "humans",
    summary: "Remove a member (or leave, when the member is the user itself)",
    params: { ...paramUser, ...paramChat, member: "the member's login or TrueConf ID" },
    response: { status: 204, description: "removed" },
    handle: async (context) => {
      await human(context).removeParticipant(str(context.params.chatId), str(context.params.member));
      return noContent;
    },
  },
  {
    method: "PUT",
    path: "/as/{user}/chats/{chatId}/participants/{member}/role",
    tag: "humans",
    summary: "Change a member's role",
    params: { ...paramUser, ...paramChat, member: "the member's login or TrueConf ID" },
    body: { kind: "json", schema: objectSchema({ role }, ["role"]) },
    response: { status: 204, description: "changed" },
    handle: async (context) => {
      await human(context).changeRole(
        str(context.params.chatId),
        str(context.params.member),
        str(context.body.role) as "admin",
      );
      return noContent;
    },
  },
  {
    method: "PUT",
    path: "/as/{user}/chats/{chatId}/title",
    tag: "humans",
    summary: "Rename a group chat or channel",
    params: { ...paramUser, ...paramChat },
    body: { kind: "json", schema: objectSchema({ title: nonEmpty() }, ["title"]) },
    response: { status: 204, description: "renamed" },
    handle: async (context) => {
      await human(context).editTitle(str(context.params.chatId), str(context.body.title));
      return noContent;
    },
  },
  {
    method: "PUT",
    path: "/as/{user}/chats/{chatId}/avatar",
    tag: "humans",
    summary: "Set a chat's avatar (multipart: a file part with the image)",
    params: { ...paramUser, ...paramChat },
    body: {
      kind: "multipart",
      fields: objectSchema({}),
      files: [{ name: "file", required: true, description: "the image" }],
    },
    response: { status: 204, description: "changed" },
    handle: async (context) => {
      const user = human(context);
      const file = requiredFile(context, "file");
      await user.editAvatar(str(context.params.chatId), file.data, {
        ...(file.filename ? { name: file.filename } : {}),
        ...(file.mimeType ? { mimeType: file.mimeType } : {}),
      });
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/as/{user}/chats/{chatId}/clear-history",
    tag: "humans",
    summary: "Clear a chat's history for the user only, or for everyone",
    params: { ...paramUser, ...paramChat },
    body: { kind: "json", schema: objectSchema({ forAll: booleanSchema("default false") }) },
    response: { status: 204, description: "cleared" },
    handle: async (context) => {
      await human(context).clearHistory(str(context.params.chatId), { forAll: context.body.forAll === true });
      return noContent;
    },
  },

  // ── settings ──
  {
    method: "GET",
    path: "/upload-limits",
    tag: "settings",
    summary: "The upload limits in force",
    response: { status: 200, description: "the limits", schema: uploadLimits },
    handle: ({ target }) => ok(target.world.uploadLimits),
  },
  {
    method: "PUT",
    path: "/upload-limits",
    tag: "settings",
    summary: "Change the upload limits (every bot session gets getFileUploadLimits)",
    body: { kind: "json", schema: uploadLimits },
    response: { status: 200, description: "the limits now in force", schema: uploadLimits },
    handle: ({ target, body }) => {
      target.world.setUploadLimits(body as never);
      return ok(target.world.uploadLimits);
    },
  },

  // ── faults ──
  {
    method: "POST",
    path: "/faults/drop-sessions",
    tag: "faults",
    summary:
      "Drop open sessions (all, one, or every session of a bot): abruptly (1006) or with a clean close",
    body: {
      kind: "json",
      schema: objectSchema({
        sessionId: nonEmpty('"s1"…'),
        bot: nonEmpty("only this bot's sessions (login or TrueConf ID)"),
        clean: booleanSchema("send a close frame instead of cutting the connection (default false)"),
        code: integerSchema({
          minimum: 1000,
          maximum: 4999,
          description: "close code of a clean close (default 1000)",
        }),
      }),
    },
    response: { status: 200, description: "what was dropped", schema: listOf("dropped") },
    handle: ({ target, body }) =>
      ok({
        dropped: target.faults.dropSessions({
          ...(body.sessionId === undefined ? {} : { sessionId: str(body.sessionId) }),
          ...(body.bot === undefined ? {} : { bot: str(body.bot) }),
          ...(body.clean === undefined ? {} : { clean: body.clean as boolean }),
          ...(body.code === undefined ? {} : { code: body.code as number }),
        }),
      }),
  },
  {
    method: "POST",
    path: "/faults/expire-tokens",
    tag: "faults",
    summary: "Expire every token issued so far (or one bot's): auth answers 203",
    body: {
      kind: "json",
      schema: objectSchema({
        bot: nonEmpty("only this bot's tokens"),
        onRequests: booleanSchema("requests of sessions authorised with them get 203 too"),
      }),
    },
    response: { status: 204, description: "expired" },
    handle: ({ target, body }) => {
      target.faults.expireTokens({
        ...(body.bot === undefined ? {} : { bot: str(body.bot) }),
        ...(body.onRequests === undefined ? {} : { onRequests: body.onRequests as boolean }),
      });
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/faults/delay-responses",
    tag: "faults",
    summary: "Delay the responses to a method",
    body: { kind: "json", schema: objectSchema({ method, ms }, ["method", "ms"]) },
    response: { status: 204, description: "set" },
    handle: ({ target, body }) => {
      target.faults.delayResponses(str(body.method), body.ms as number);
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/faults/fail-next",
    tag: "faults",
    summary: "Answer the next requests of a method with an error code, without touching the world",
    body: {
      kind: "json",
      schema: objectSchema(
        {
          method,
          errorCode: integerSchema({ minimum: 1, description: "e.g. 304" }),
          count: integerSchema({ minimum: 1, description: "default 1" }),
        },
        ["method", "errorCode"],
      ),
    },
    response: { status: 204, description: "set" },
    handle: ({ target, body }) => {
      target.faults.failNext(str(body.method), body.errorCode as number, {
        ...(body.count === undefined ? {} : { count: body.count as number }),
      });
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/faults/never-answer",
    tag: "faults",
    summary: "Log requests of a method but never answer them",
    body: { kind: "json", schema: objectSchema({ method, count }, ["method"]) },
    response: { status: 204, description: "set" },
    handle: ({ target, body }) => {
      target.faults.neverAnswer(
        str(body.method),
        body.count === undefined ? {} : { count: body.count as number },
      );
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/faults/refuse-handshakes",
    tag: "faults",
    summary: "Refuse the next WebSocket handshakes with an HTTP error",
    body: {
      kind: "json",
      schema: objectSchema(
        {
          count: integerSchema({ minimum: 1 }),
          status: integerSchema({ minimum: 400, maximum: 599, description: "default 503" }),
        },
        ["count"],
      ),
    },
    response: { status: 204, description: "set" },
    handle: ({ target, body }) => {
      target.faults.refuseHandshakes(
        body.count as number,
        body.status === undefined ? {} : { status: body.status as number },
      );
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/faults/delay-handshakes",
    tag: "faults",
    summary: "Delay every WebSocket handshake",
    body: { kind: "json", schema: objectSchema({ ms }, ["ms"]) },
    response: { status: 204, description: "set" },
    handle: ({ target, body }) => {
      target.faults.delayHandshakes(body.ms as number);
      return noContent;
    },
  },
  {
    method: "POST",
    path: "/faults/reset",
    tag: "faults",
    summary: "Switch every fault off",
    response: { status: 204, description: "reset" },
    handle: ({ target }) => {
      target.faults.reset();
      return noContent;
    },
  },

  // ── observation ──
  {
    method: "GET",
    path: "/sessions",
    tag: "observation",
    summary: "Every open WebSocket session and the latest closed ones",
    response: { status: 200, description: "the sessions", schema: listOf("sessions") },
    handle: ({ target }) => ok({ sessions: target.sessions() }),
  },
  {
    method: "GET",
    path: "/frames",
    tag: "observation",
    summary:
      "Frames in and out from a cursor on (auth tokens redacted); `next` is the cursor to ask with next time",
    query: objectSchema({
      since: integerSchema({ minimum: 0, description: "a frame seq (default 0: the oldest kept)" }),
      limit: integerSchema({ minimum: 1, maximum: 10_000, description: "default 1000" }),
      method: nonEmpty("only frames of this method (requests, their responses and server requests)"),
    }),
    response: { status: 200, description: "the frames", schema: listOf("frames") },
    handle: ({ target, query }) => ok(framesPage(target, query)),
  },
  {
    method: "GET",
    path: "/transcript",
    tag: "observation",
    summary: "The readable frame log, one line a frame (auth tokens redacted)",
    response: { status: 200, description: "the transcript", contentType: "text/plain" },
    handle: ({ target }) => ({
      status: 200,
      text: target.transcript(),
      contentType: "text/plain; charset=utf-8",
    }),
  },
  {
    method: "GET",
    path: "/events",
    tag: "observation",
    summary:
      "Live Server-Sent Events: `hello`, then `world` (messages, edits, removals, chat changes) and `frame`",
    query: objectSchema({ frames: booleanSchema("include frame events (default true)") }),
    response: { status: 200, description: "an endless event stream", contentType: "text/event-stream" },
    handle: ({ target, req, res, query }) => {
      target.events.open(req, res, { frames: query.frames !== false });
      return { streaming: true };
    },
  },
];

function chatOr404<T>(chat: T | undefined, chatId: string): T {
  if (chat === undefined) throw new ControlError(404, "not_found", `no chat "${chatId}"`, "chatId");
  return chat;
}

function framesPage(target: ControlContext["target"], query: Record<string, unknown>) {
  const since = (query.since as number | undefined) ?? 0;
  const limit = (query.limit as number | undefined) ?? 1000;
  const wanted = query.method as string | undefined;
  const records = target.framesSince(since);
  const page = records.slice(0, limit);
  const next = page.length === records.length ? target.frameCount() : (page.at(-1)?.seq ?? since) + 1;
  // A response carries no method: it belongs to the method of the request it answers.
  const answered = new Set<number>();
  const frames = page.filter((record) => {
    if (wanted === undefined) return true;
    if (record.frame?.method === wanted) {
      if (record.response) answered.add(record.response.seq);
      return true;
    }
    return answered.has(record.seq);
  });
  return { frames: frames.map(frameJsonOf), next };
}
