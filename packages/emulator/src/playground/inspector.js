// The inspector pane: every frame in and out of every bot session, request/response pairs linked, per-bot
// fault buttons and the upload limits.

const maxFramesShown = 2000;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The method a frame is about: its own, or that of the request it answers. */
function methodOf(frame, pairs) {
  const own = frame.frame?.method;
  if (typeof own === "string") return own;
  const partner = pairs.get(frame.seq);
  return partner?.frame?.method ?? "";
}

export class Inspector {
  constructor({ api, list, filter, bots, limitsForm, onError }) {
    this.api = api;
    this.list = list;
    this.filter = filter;
    this.bots = bots;
    this.limitsForm = limitsForm;
    this.onError = onError;
    this.frames = new Map(); // seq → frame json
    this.items = new Map(); // seq → <li>
    this.pairs = new Map(); // seq → partner frame
    this.openRequests = new Map(); // "session|direction|id" → request frame
    filter.addEventListener("input", () => this.applyFilter());
    limitsForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.saveLimits();
    });
  }

  /** Loads the latest frames up to the stream's cursor (the stream delivers the ones after it). */
  async load(frameCount) {
    const since = Math.max(0, frameCount - 500);
    const page = await this.api.get(`/frames?since=${since}&limit=500`);
    for (const frame of page.frames) if (frame.seq < frameCount) this.add(frame);
    await Promise.all([this.refreshBots(), this.loadLimits()]);
  }

  add(frame) {
    if (this.frames.has(frame.seq)) return;
    this.frames.set(frame.seq, frame);
    this.link(frame);
    const item = this.render(frame);
    this.items.set(frame.seq, item);
    this.list.append(item);
    if (this.items.size > maxFramesShown) {
      const [oldest] = this.items.keys();
      this.items.get(oldest)?.remove();
      this.items.delete(oldest);
      this.frames.delete(oldest);
    }
    if (frame.frame?.method === "auth") void this.refreshBots();
  }

  /** Pairs a response (type 2) with the request (type 1) of the same id that went the other way on its session. */
  link(frame) {
    const body = frame.frame;
    if (typeof body?.id !== "number") return;
    if (body.type === 1) {
      this.openRequests.set(`${frame.sessionId}|${frame.direction}|${body.id}`, frame);
      return;
    }
    if (body.type !== 2) return;
    const requestDirection = frame.direction === "in" ? "out" : "in";
    const key = `${frame.sessionId}|${requestDirection}|${body.id}`;
    const request = this.openRequests.get(key);
    if (!request) return;
    this.openRequests.delete(key);
    this.pairs.set(frame.seq, request);
    this.pairs.set(request.seq, frame);
    const requestItem = this.items.get(request.seq);
    if (requestItem) this.addPairLink(requestItem, frame);
  }

  addPairLink(item, partner) {
    const button = element(
      "button",
      "pair-link",
      partner.frame?.type === 2 ? `answered by #${partner.seq}` : `answers #${partner.seq}`,
    );
    button.type = "button";
    button.addEventListener("click", () => {
      const target = this.items.get(partner.seq);
      if (!target) return;
      target.querySelector("details")?.setAttribute("open", "");
      target.scrollIntoView({ block: "nearest" });
      target.classList.add("highlight");
      setTimeout(() => target.classList.remove("highlight"), 1500);
      target.querySelector("summary")?.focus();
    });
    item.querySelector(".frame-tools")?.append(button);
  }

  render(frame) {
    const item = element("li", `frame ${frame.direction}`);
    item.dataset.seq = String(frame.seq);
    const method = methodOf(frame, this.pairs);
    item.dataset.method = method;
    const details = element("details");
    const summary = element("summary");
    const body = frame.frame;
    const kind = body?.type === 1 ? "request" : body?.type === 2 ? "response" : "other";
    summary.append(
      element("span", "seq", `#${frame.seq}`),
      element("span", "session", frame.sessionId),
      element("span", "arrow", frame.direction === "in" ? "bot → server" : "server → bot"),
      element("span", "method", method || (body ? `type ${String(body.type)}` : "raw")),
      element("span", "kind", `${kind}${typeof body?.id === "number" ? ` id ${body.id}` : ""}`),
    );
    const tools = element("div", "frame-tools");
    const pre = element("pre", "json", body ? JSON.stringify(body, null, 2) : frame.raw);
    details.append(summary, tools, pre);
    item.append(details);
    const partner = this.pairs.get(frame.seq);
    if (partner) this.addPairLink(item, partner);
    item.hidden = !this.matches(item);
    return item;
  }

  matches(item) {
    const wanted = this.filter.value.trim().toLowerCase();
    return wanted === "" || item.dataset.method.toLowerCase().includes(wanted);
  }

  applyFilter() {
    for (const [seq, item] of this.items) {
      const frame = this.frames.get(seq);
      if (frame) item.dataset.method = methodOf(frame, this.pairs);
      item.hidden = !this.matches(item);
    }
  }

  async refreshBots() {
    try {
      const { bots } = await this.api.get("/bots");
      this.bots.replaceChildren(...bots.map((bot) => this.renderBot(bot)));
    } catch (error) {
      this.onError(error);
    }
  }

  renderBot(bot) {
    const card = element("li", "bot");
    const open = bot.sessions.filter((session) => session.open);
    card.append(
      element("strong", undefined, bot.displayName),
      element("span", "muted", ` ${bot.userId} · ${open.length} open session${open.length === 1 ? "" : "s"}`),
    );
    const tools = element("div", "bot-tools");
    const fault = (label, path, body) => {
      const button = element("button", undefined, label);
      button.type = "button";
      button.addEventListener("click", async () => {
        try {
          await this.api.post(path, body);
          await this.refreshBots();
        } catch (error) {
          this.onError(error);
        }
      });
      tools.append(button);
    };
    fault("Drop (abrupt)", "/faults/drop-sessions", { bot: bot.userId });
    fault("Drop (clean)", "/faults/drop-sessions", { bot: bot.userId, clean: true });
    fault("Expire token", "/faults/expire-tokens", { bot: bot.userId });
    card.append(tools);
    return card;
  }

  async loadLimits() {
    const limits = await this.api.get("/upload-limits");
    const form = this.limitsForm.elements;
    form.maxSize.value = limits.maxSize === null ? "" : String(limits.maxSize);
    form.mode.value = limits.extensions === null ? "none" : limits.extensions.mode;
    form.list.value = limits.extensions === null ? "" : limits.extensions.list.join(", ");
  }

  async saveLimits() {
    const form = this.limitsForm.elements;
    const size = form.maxSize.value.trim();
    const list = form.list.value
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    const limits = {
      maxSize: size === "" ? null : Number(size),
      extensions: form.mode.value === "none" ? null : { mode: form.mode.value, list },
    };
    try {
      await this.api.put("/upload-limits", limits);
      this.limitsForm.querySelector(".status").textContent = "Saved.";
    } catch (error) {
      this.onError(error);
    }
  }
}
