import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { startEchoBot } from "./support/echo-bot.js";
import { connectRawBot } from "./support/raw-bot.js";

const screenshots = fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));
const chromiumPath = "/usr/bin/chromium";

let browser: Browser;
let emu: Emulator;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`the browser tests need Chromium at ${chromiumPath}`);
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  emu = await Emulator.start();
});

afterAll(async () => {
  await browser?.close();
  await emu?.stop();
});

/** A page of the playground acting as `user`, once its event stream is live. */
async function openPlayground(user: string, size = { width: 1400, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  Object.assign(page, { errors });
  await page.goto(`${emu.playgroundUrl}#user=${user}`);
  await page.waitForSelector("body[data-live='true']");
  return page;
}

/** Saves a screenshot and checks it is not blank: a real PNG of some size whose pixels vary. */
async function screenshot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ fullPage: false });
  const path = `${screenshots}${name}.png`;
  writeFileSync(path, png);
  expect(statSync(path).size).toBeGreaterThan(5_000);
  expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  const probe = await browser.newPage();
  // runs in the browser (the test's own type library has no DOM, hence a script string)
  const spread = (await probe.evaluate(`(async () => {
    const image = new Image();
    image.src = "data:image/png;base64,${png.toString("base64")}";
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < data.length; i += 4) {
      const grey = (data[i] + data[i + 1] + data[i + 2]) / 3;
      sum += grey;
      squares += grey * grey;
    }
    const count = data.length / 4;
    return squares / count - (sum / count) ** 2;
  })()`)) as number;
  await probe.close();
  expect(spread, `${name} looks blank`).toBeGreaterThan(50);
}

async function openChat(page: Page, title: string): Promise<void> {
  await page.getByRole("button", { name: new RegExp(`^${title}`) }).click();
  await page.waitForSelector("#composer:not([hidden])");
}

describe("the web playground in a real browser", () => {
  it("loads fast from the emulator's own port, with every asset local", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const started = Date.now();
    await page.goto(`${emu.playgroundUrl}`);
    await page.waitForSelector("body[data-live='true']");
    const elapsed = Date.now() - started;
    expect(requested.every((url) => url.startsWith(emu.httpUrl))).toBe(true);
    // not a timing target (those live in benchmarks): a sanity bound that would catch a hung asset
    expect(elapsed).toBeLessThan(5_000);
    await page.close();
  });

  it("alice talks to an echo bot: a formatted reply, a file and its answer, the inspector's frames", async () => {
    const bot = await startEchoBot(emu);
    const alice = await openPlayground("alice");
    await openChat(alice, "Team");
    await alice.fill("#text", "hello <world>");
    await alice.keyboard.press("Enter");
    const reply = alice.locator(".message:not(.mine) .body b", { hasText: "echo" });
    await reply.waitFor();
    expect(await alice.locator(".message:not(.mine) .body").last().textContent()).toBe("echo: hello <world>");

    // a file through the file input (drag and drop feeds the same path)
    await alice.setInputFiles("#file", {
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("some notes"),
    });
    await alice.click("#send");
    await alice.locator(".message:not(.mine) .body i", { hasText: "notes.txt" }).waitFor();
    const download = alice.locator(".message.mine .file a", { hasText: "notes.txt" });
    await expect.poll(() => download.getAttribute("href")).toMatch(/^\/emulator\/files\//);

    // the inspector shows the frames, pairs them and filters by method
    await alice.fill("#frame-filter", "sendMessage");
    await alice.locator("#frames .frame:not([hidden]) .method", { hasText: "sendMessage" }).first().waitFor();
    expect(await alice.locator("#frames .frame:not([hidden])").count()).toBeGreaterThan(2);
    expect(await alice.locator("#frames .frame .pair-link").count()).toBeGreaterThan(0);
    await alice.locator("#frames .frame:not([hidden]) summary").last().click();
    await alice.locator("#frames .frame:not([hidden]) pre").last().waitFor();
    expect(await alice.locator(".bot", { hasText: "Emulator Bot" }).textContent()).toContain(
      "1 open session",
    );
    await screenshot(alice, "chat-and-inspector");
    bot.stop();
    await bot.close();
    await alice.close();
  });

  it("bob in a second page sees alice's group message; system events are shown", async () => {
    const group = emu.createChat({ type: "group", title: "Both", owner: "alice", participants: ["bot"] });
    await emu.as("alice").addParticipant(group, "bob", { displayHistory: true });
    const alice = await openPlayground("alice");
    const bob = await openPlayground("bob");
    await openChat(bob, "Both");
    await openChat(alice, "Both");
    await alice.fill("#text", "**hi bob**");
    await alice.selectOption("#parse-mode", "markdown");
    await alice.keyboard.press("Enter");
    await bob.locator(".message .body b", { hasText: "hi bob" }).waitFor();
    await emu.as("alice").editTitle(group, "Both of us");
    await bob.locator(".system", { hasText: 'changed the title to "Both of us"' }).waitFor();
    expect(await bob.locator(".system", { hasText: "added Boris Ivanov" }).count()).toBe(1);
    await screenshot(bob, "second-user");
    await alice.close();
    await bob.close();
  });

  it("renders hostile bot output inert: no handlers run, no script links, only allowed tags", async () => {
    const bot = await connectRawBot(emu);
    const chatId = emu.seeded?.p2pChatId as string;
    const alice = await openPlayground("alice");
    await openChat(alice, "Emulator Bot");
    const hostile = [
      '<img src=x onerror="window.pwned=1">',
      '<a href="javascript:window.pwned=2">click me</a>',
      '<a href=" jav&#x09;ascript:window.pwned=3">spaced</a>',
      "<script>window.pwned=4</script>",
      '<b onclick="window.pwned=5" style="color:red">bold</b>',
      '<svg><a href="data:text/html,x">svg</a></svg>',
      '<a href="https://example.org/ok" onmouseover="window.pwned=6">fine</a>',
    ].join(" ");
    await bot.call("sendMessage", { chatId, content: { text: hostile, parseMode: "html" } });
    await bot.call("sendMessage", {
      chatId,
      content: {
        text: "[md](javascript:window.pwned=7) ![x](x) <img src=x onerror=window.pwned=8>",
        parseMode: "markdown",
      },
    });
    const body = alice.locator(".message .body", { hasText: "click me" });
    await body.waitFor();
    await alice
      .locator(".message .body", { hasText: "[md]" })
      .or(alice.locator(".message .body", { hasText: "md" }))
      .last()
      .waitFor();
    await alice.locator(".message .body b", { hasText: "bold" }).click();
    await alice.locator(".message .body a", { hasText: "fine" }).hover();
    expect(await alice.evaluate("window.pwned")).toBeUndefined();
    expect(await alice.locator(".messages img").count()).toBe(0);
    expect(await alice.locator(".messages script, .messages svg").count()).toBe(0);
    const hrefs = await alice
      .locator(".messages a[href]")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.filter((href) => href !== null && !href.startsWith("/emulator/files/"))).toEqual([
      "https://example.org/ok",
    ]);
    const attributes = await alice
      .locator(".messages .body *")
      .evaluateAll((nodes) => nodes.flatMap((node) => [...node.attributes].map((a) => a.name)));
    expect(new Set(attributes)).toEqual(new Set(["href", "rel", "target", "class", "title"]));
    await screenshot(alice, "hostile-bot-output");
    await bot.close();
    await alice.close();
  });

  it("works with the keyboard alone and on a narrow window", async () => {
    const page = await openPlayground("carol", { width: 420, height: 800 });
    await expect.poll(() => page.locator("#chats-pane").isVisible()).toBe(true);
    expect(await page.locator("#inspector-pane").isVisible()).toBe(false);
    // carol has no chat yet: make one for her, it appears live
    const chatId = emu.createChat({ type: "group", title: "Carol's", owner: "carol", participants: ["bot"] });
    await page.getByRole("button", { name: /^Carol's/ }).waitFor();
    await page.getByRole("button", { name: /^Carol's/ }).focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#chat-pane.active");
    await page.keyboard.type("typed without a mouse");
    await page.keyboard.press("Enter");
    await emu.waitFor(() =>
      emu.messages(chatId).some((m) => (m.content as { text?: string }).text === "typed without a mouse"),
    );
    await page.locator(".message.mine").waitFor();
    await screenshot(page, "narrow-window");
    await page.getByRole("button", { name: "Inspector" }).click();
    expect(await page.locator("#inspector-pane").isVisible()).toBe(true);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.close();
  });
});
