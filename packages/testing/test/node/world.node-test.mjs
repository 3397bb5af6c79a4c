// Run by node:test, not vitest (test/runners.test.ts spawns it): the kit works without any vitest import, from
// its built package, and its failures are plain errors that node:assert and the node:test reporter show.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Bot, Command, Dispatcher, F, Router } from "@tc/bot";
import { createTestWorld, ReplyTimeoutError, UnexpectedReplyError } from "@tc/testing";

/** @param {import("@tc/testing").TestBotOptions} options */
function createEchoBot(options) {
  const router = new Router();
  router.message(Command("start"), (message) => message.answer("Hi!", { parseMode: "text" }));
  router.message(F.text, (message) => message.answer(message.text, { parseMode: "text" }));
  const dispatcher = new Dispatcher();
  dispatcher.includeRouter(router);
  return new Bot({ ...options, dispatcher, logger: { debug() {}, info() {}, warn() {}, error() {} } });
}

/** @type {import("@tc/testing").TestWorld} */
let world;
before(async () => {
  world = await createTestWorld({ bot: createEchoBot });
});
after(() => world.close());

test("the bot answers /start and echoes", async () => {
  const alice = world.user("alice");
  await alice.send("/start");
  await alice.expectReply("Hi!");
  await alice.send("hello");
  const reply = await alice.expectReply(/hel+o/);
  assert.equal(reply.text, "hello");
});

test("a wrong reply is an UnexpectedReplyError with the transcript", async () => {
  const bob = world.user("bob");
  await bob.send("one");
  await assert.rejects(bob.expectReply("two"), (error) => {
    assert.ok(error instanceof UnexpectedReplyError);
    assert.match(error.message, /Transcript of the P2P chat of bob and the bot/);
    return true;
  });
});

test("silence is a ReplyTimeoutError", async () => {
  await world.idle();
  await assert.rejects(world.user("carol").nextMessage({ timeout: 100 }), ReplyTimeoutError);
});

test("the bot comes back after a dropped connection", async () => {
  await world.dropConnection();
  await world.user("alice").send("back");
  await world.user("alice").expectReply("back");
});
