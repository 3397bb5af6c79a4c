// The playground: a chat client for the emulator's simulated humans, and an inspector of the bot sessions.
// Everything goes through the control API; every message text is rendered by rich-text.js, never as HTML.

import { ApiClient } from "./api-client.js";
import { Inspector } from "./inspector.js";
import { parseRich, plainText, renderRich } from "./rich-text.js";

const $ = (id) => document.getElementById(id);

/** `#user=alice&token=…`: two tabs can be two users; the token never leaves the browser. */
const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get("token") ?? sessionStorage.getItem("tc-emulator-token") ?? undefined;
if (token) sessionStorage.setItem("tc-emulator-token", token);
const api = new ApiClient(token);

const state = {
  accounts: new Map(), // userId → account
  me: undefined, // userId of the acting human
  chats: [],
  chatId: undefined,
  messages: new Map(), // messageId → envelope, of the open chat
  replyTo: undefined,
  editing: undefined,
  file: undefined,
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showError(error) {
  const box = $("error");
  box.textContent = error?.body?.message ?? error?.message ?? String(error);
  box.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => {
    box.hidden = true;
  }, 6000);
}

const nameOf = (userId) => state.accounts.get(userId)?.displayName ?? userId;
const enc = encodeURIComponent;

function saveFragment() {
  const next = new URLSearchParams(location.hash.slice(1));
  next.set("user", state.accounts.get(state.me)?.login ?? "");
  if (state.chatId) next.set("chat", state.chatId);
  else next.delete("chat");
  history.replaceState(null, "", `#${next}`);
}

// ── users ──

async function loadAccounts() {
  const { users } = await api.get("/users");
  state.accounts = new Map(users.map((account) => [account.userId, account]));
  const select = $("user");
  const humans = users.filter((account) => !account.isBot);
  select.replaceChildren(
    ...humans.map((account) => {
      const option = element("option", undefined, `${account.displayName} (${account.login})`);
      option.value = account.userId;
      return option;
    }),
  );
  const wanted = state.me ?? humans.find((account) => account.login === fragment.get("user"))?.userId;
  state.me = humans.some((account) => account.userId === wanted) ? wanted : humans[0]?.userId;
  if (state.me) select.value = state.me;
}

// ── the chat list ──

async function loadChats() {
  if (!state.me) return;
  const { chats } = await api.get(`/as/${enc(state.me)}/chats`);
  state.chats = chats;
  if (state.chatId && !chats.some((chat) => chat.chatId === state.chatId)) closeChat();
  renderChatList();
}

function renderChatList() {
  const list = $("chat-list");
  list.replaceChildren(
    ...state.chats.map((chat) => {
      const item = element("li");
      const button = element("button");
      button.type = "button";
      button.dataset.chatId = chat.chatId;
      button.setAttribute("aria-current", String(chat.chatId === state.chatId));
      const label = element("span", "chat-name", chat.title || "(untitled)");
      button.append(label);
      if (chat.unreadMessages > 0 && chat.chatId !== state.chatId) {
        const badge = element("span", "unread", String(chat.unreadMessages));
        badge.setAttribute("aria-label", `${chat.unreadMessages} unread`);
        button.append(badge);
      }
      button.addEventListener("click", () => void openChat(chat.chatId));
      item.append(button);
      return item;
    }),
  );
}

let chatListTimer;
function refreshChatsSoon() {
  clearTimeout(chatListTimer);
  chatListTimer = setTimeout(() => void loadChats().catch(showError), 50);
}

// ── the open chat ──

function closeChat() {
  state.chatId = undefined;
  state.messages.clear();
  $("messages").replaceChildren();
  $("chat-title").textContent = "Pick a chat";
  $("composer").hidden = true;
}

async function openChat(chatId) {
  state.chatId = chatId;
  cancelComposerMode();
  const chat = state.chats.find((each) => each.chatId === chatId);
  $("chat-title").textContent = chat?.title || "(untitled)";
  $("composer").hidden = false;
  const { messages } = await api.get(`/as/${enc(state.me)}/chats/${enc(chatId)}/messages`);
  state.messages = new Map(messages.map((message) => [message.messageId, message]));
  $("messages").replaceChildren(...messages.map(renderMessage));
  scrollToEnd();
  await markRead();
  saveFragment();
  showPane("chat-pane");
  $("text").focus();
}

async function markRead() {
  if (!state.chatId) return;
  await api.post(`/as/${enc(state.me)}/chats/${enc(state.chatId)}/read`);
  const chat = state.chats.find((each) => each.chatId === state.chatId);
  if (chat) chat.unreadMessages = 0;
  renderChatList();
}

function scrollToEnd() {
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
}

/** What a system envelope (type < 200) says, in words. */
function systemText(message) {
  const by = nameOf(message.author.id);
  const content = message.content ?? {};
  switch (message.type) {
    case 1:
      return `${by} added ${nameOf(content.userId)} (${content.role})`;
    case 2:
      return content.userId === message.author.id ? `${by} left` : `${by} removed ${nameOf(content.userId)}`;
    case 21:
      return `${by} changed the title to "${content.title}"`;
    case 22:
      return `${by} changed the avatar`;
    case 23:
      return `${by} cleared the history`;
    case 110:
      return `${by} made ${nameOf(content.userId)} ${content.role}`;
    default:
      return `system event ${message.type}`;
  }
}

/** The same-origin path of a download URL (the page may be open under another host name than the emulator's). */
function localPath(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.pathname + parsed.search;
  } catch {
    return undefined;
  }
}

function renderAttachment(content, container) {
  const box = element("div", "file");
  const link = element("a", undefined, `File: ${content.name} (${content.size} bytes)`);
  box.append(link);
  container.append(box);
  if (content.caption) container.append(richBody(content.caption.text, content.caption.parseMode));
  void api
    .get(`/as/${enc(state.me)}/files/${enc(content.fileId)}`)
    .then((info) => {
      const preview = info.previews?.[0]?.downloadUrl;
      if (info.downloadUrl) {
        link.setAttribute("href", localPath(info.downloadUrl) ?? "#");
        link.setAttribute("download", content.name);
      } else link.textContent += " — still uploading";
      const image = preview ?? (String(info.mimeType).startsWith("image/") ? info.downloadUrl : undefined);
      if (image) {
        const img = element("img");
        img.alt = preview ? `preview of ${content.name}` : content.name;
        img.src = localPath(image) ?? "";
        box.prepend(img);
      }
    })
    .catch(() => {
      link.textContent += " — not available";
    });
}

function richBody(text, parseMode) {
  const body = element("div", "body");
  body.append(renderRich(parseRich(text, parseMode)));
  return body;
}

function renderContent(message, container) {
  const content = message.content ?? {};
  switch (message.type) {
    case 200:
      container.append(richBody(content.text, content.parseMode));
      return;
    case 201: {
      container.append(element("div", "muted", "Forwarded"));
      // nested: the whole source envelope; flat: its content only
      const inner = typeof content.type === "number" ? content : { type: 200, content };
      if (inner.type === 202 || typeof inner.content?.fileId === "string")
        renderAttachment(inner.content, container);
      else renderContent(inner, container);
      return;
    }
    case 202:
      renderAttachment(content, container);
      return;
    case 203:
      container.append(
        element(
          "div",
          "body",
          `Location: ${content.title ?? ""} (${content.latitude}, ${content.longitude})`,
        ),
      );
      return;
    case 204:
      container.append(element("div", "body", `Survey: ${content.title ?? ""}`));
      return;
    default:
      container.append(element("div", "body", JSON.stringify(content)));
  }
}

function renderMessage(message) {
  if (message.type < 200) {
    const item = element("li", "system", systemText(message));
    item.dataset.messageId = message.messageId;
    return item;
  }
  const mine = message.author.id === state.me;
  const item = element("li", `message${mine ? " mine" : ""}`);
  item.dataset.messageId = message.messageId;
  const author = state.accounts.get(message.author.id);
  const meta = element("div", "meta");
  meta.append(
    element("strong", undefined, nameOf(message.author.id)),
    element("span", undefined, author?.isBot ? "bot" : ""),
    element("time", undefined, new Date(message.timestamp).toLocaleTimeString()),
  );
  if (message.isEdited) meta.append(element("span", undefined, "edited"));
  item.append(meta);
  if (message.replyMessageId) {
    const original = state.messages.get(message.replyMessageId);
    const quoted = original ? quoteOf(original) : "a removed message";
    item.append(element("div", "quote", `↩ ${quoted}`));
  }
  renderContent(message, item);
  const tools = element("div", "tools");
  const tool = (label, action) => {
    const button = element("button", undefined, label);
    button.type = "button";
    button.addEventListener("click", action);
    tools.append(button);
  };
  tool("Reply", () => startReply(message));
  if (mine && message.type === 200) tool("Edit", () => startEdit(message));
  if (mine) tool("Remove", () => void removeMessage(message));
  item.append(tools);
  return item;
}

function quoteOf(message) {
  const content = message.content ?? {};
  const text =
    message.type === 200 ? plainText(parseRich(content.text, content.parseMode)) : (content.name ?? "");
  return `${nameOf(message.author.id)}: ${text.slice(0, 80)}`;
}

function upsertMessage(message) {
  state.messages.set(message.messageId, message);
  const list = $("messages");
  const existing = list.querySelector(`[data-message-id="${CSS.escape(message.messageId)}"]`);
  const rendered = renderMessage(message);
  if (existing) existing.replaceWith(rendered);
  else {
    const nearEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    list.append(rendered);
    if (nearEnd || message.author.id === state.me) scrollToEnd();
  }
}

function dropMessage(messageId) {
  state.messages.delete(messageId);
  $("messages")
    .querySelector(`[data-message-id="${CSS.escape(messageId)}"]`)
    ?.remove();
}

// ── the composer ──

function cancelComposerMode() {
  state.replyTo = undefined;
  state.editing = undefined;
  $("composer-banner").hidden = true;
}

function startReply(message) {
  cancelComposerMode();
  state.replyTo = message.messageId;
  $("composer-banner-text").textContent = `Replying to ${quoteOf(message)}`;
  $("composer-banner").hidden = false;
  $("text").focus();
}

function startEdit(message) {
  cancelComposerMode();
  state.editing = message.messageId;
  $("composer-banner-text").textContent = "Editing your message";
  $("composer-banner").hidden = false;
  $("text").value = message.content.text;
  $("parse-mode").value = message.content.parseMode ?? "text";
  $("text").focus();
}

function setFile(file) {
  state.file = file;
  $("attachment").hidden = file === undefined;
  $("attachment-name").textContent = file ? `File: ${file.name} (${file.size} bytes)` : "";
  if (file === undefined) $("file").value = "";
}

async function removeMessage(message) {
  try {
    await api.delete(`/as/${enc(state.me)}/messages/${enc(message.messageId)}?forAll=true`);
  } catch (error) {
    showError(error);
  }
}

async function send() {
  const text = $("text").value;
  const parseMode = $("parse-mode").value;
  const me = enc(state.me);
  try {
    if (state.editing) {
      if (text.trim() === "") return;
      await api.put(`/as/${me}/messages/${enc(state.editing)}`, { text, parseMode });
    } else if (state.file) {
      const form = new FormData();
      form.set("chatId", state.chatId);
      if (text.trim() !== "") {
        form.set("caption", text);
        form.set("parseMode", parseMode);
      }
      if (state.replyTo) form.set("replyMessageId", state.replyTo);
      form.set("file", state.file, state.file.name);
      await api.post(`/as/${me}/files`, form);
      setFile(undefined);
    } else {
      if (text.trim() === "") return;
      const body = { chatId: state.chatId, text, parseMode };
      if (state.replyTo) body.replyMessageId = state.replyTo;
      await api.post(`/as/${me}/messages`, body);
    }
    $("text").value = "";
    cancelComposerMode();
  } catch (error) {
    showError(error);
  }
}

function wireComposer() {
  const composer = $("composer");
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    void send();
  });
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    } else if (event.key === "Escape") {
      cancelComposerMode();
      setFile(undefined);
    }
  });
  $("composer-cancel").addEventListener("click", cancelComposerMode);
  $("attachment-remove").addEventListener("click", () => setFile(undefined));
  $("file").addEventListener("change", () => setFile($("file").files?.[0]));
  const pane = $("chat-pane");
  pane.addEventListener("dragover", (event) => {
    if (!state.chatId) return;
    event.preventDefault();
    composer.classList.add("dragging");
  });
  pane.addEventListener("dragleave", () => composer.classList.remove("dragging"));
  pane.addEventListener("drop", (event) => {
    event.preventDefault();
    composer.classList.remove("dragging");
    const file = event.dataTransfer?.files?.[0];
    if (file && state.chatId) setFile(file);
  });
}

// ── panes on a narrow window ──

function showPane(id) {
  for (const pane of document.querySelectorAll(".pane")) pane.classList.toggle("active", pane.id === id);
  for (const tab of document.querySelectorAll(".tabs button"))
    tab.setAttribute("aria-pressed", String(tab.dataset.pane === id));
}

// ── live events ──

function onWorldEvent(event) {
  switch (event.kind) {
    case "message":
      if (event.chatId === state.chatId) {
        upsertMessage(event.message);
        void markRead().catch(showError);
      }
      refreshChatsSoon();
      return;
    case "messageEdited": {
      const message = state.messages.get(event.messageId);
      if (message) upsertMessage({ ...message, content: event.content, isEdited: true });
      return;
    }
    case "messageRemoved":
      if (event.forAll || event.by === state.me) dropMessage(event.messageId);
      refreshChatsSoon();
      return;
    case "historyCleared":
      if (event.chatId === state.chatId && (event.forAll || event.by === state.me))
        void openChat(state.chatId);
      refreshChatsSoon();
      return;
    case "accountAdded":
      void loadAccounts().catch(showError);
      return;
    case "chatCreated":
    case "chatChanged":
    case "chatRemoved":
      refreshChatsSoon();
      if (event.kind === "chatChanged" && event.chat.chatId === state.chatId)
        $("chat-title").textContent = event.chat.title;
      return;
    default:
  }
}

async function main() {
  wireComposer();
  for (const tab of document.querySelectorAll(".tabs button"))
    tab.addEventListener("click", () => showPane(tab.dataset.pane));
  showPane("chats-pane");
  const inspector = new Inspector({
    api,
    list: $("frames"),
    filter: $("frame-filter"),
    bots: $("bots"),
    limitsForm: $("limits"),
    onError: showError,
  });
  $("user").addEventListener("change", () => {
    state.me = $("user").value;
    closeChat();
    saveFragment();
    void loadChats().catch(showError);
  });
  await loadAccounts();
  await loadChats();
  const wantedChat = fragment.get("chat");
  if (wantedChat && state.chats.some((chat) => chat.chatId === wantedChat)) await openChat(wantedChat);
  saveFragment();
  api.follow(
    (name, data) => {
      if (name === "hello") void inspector.load(data.frameCount).catch(showError);
      else if (name === "frame") inspector.add(data);
      else if (name === "world") onWorldEvent(data);
    },
    (live) => {
      const status = $("connection");
      status.textContent = live ? "live" : "reconnecting…";
      status.classList.toggle("live", live);
      document.body.dataset.live = String(live);
    },
  );
}

main().catch(showError);
