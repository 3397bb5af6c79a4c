// With many handlers the router files those whose first filter is `Command` or `F.x.eq/in` by the value they
// need and tries only the candidates: the outcome must be exactly that of trying every handler in order.
import { describe, expect, it } from "vitest";
import { Command, Dispatcher, F, Router } from "../../src/index.js";
import { recordingApi, textMessage } from "./events.js";

function setup() {
  const { api } = recordingApi();
  const dp = new Dispatcher();
  const router = dp.includeRouter(new Router());
  const ran: string[] = [];
  const feed = async (text: string) => {
    ran.length = 0;
    const handled = await dp.feedUpdate(textMessage(api, text));
    return { handled, ran: [...ran] };
  };
  return { router, ran, feed };
}

describe("handler index", () => {
  it("keeps registration order across guarded and unguarded handlers", async () => {
    const { router, ran, feed } = setup();
    router.message(Command("a"), () => void ran.push("command a"));
    router.message(
      (m) => m.text === "late",
      () => void ran.push("function"),
    );
    router.message(F.text.eq("late"), () => void ran.push("F late")); // after the function: never runs
    router.message(F.text.in(["x", "y"]), () => void ran.push("F in"));
    router.message(Command("b", "B", { ignoreCase: true }), () => void ran.push("command b"));
    router.message(Command("c", { prefix: "!/" }), () => void ran.push("command c"));
    router.message(F.text, () => void ran.push("any text"));
    expect(await feed("/a")).toEqual({ handled: true, ran: ["command a"] });
    expect(await feed("late")).toEqual({ handled: true, ran: ["function"] });
    expect(await feed("y")).toEqual({ handled: true, ran: ["F in"] });
    expect(await feed("/B@bot args")).toEqual({ handled: true, ran: ["command b"] });
    expect(await feed("!c")).toEqual({ handled: true, ran: ["command c"] });
    expect(await feed("/d")).toEqual({ handled: true, ran: ["any text"] });
  });

  it("goes on to the next candidate when a later filter of a guarded handler misses", async () => {
    const { router, ran, feed } = setup();
    router.message(
      Command("go"),
      () => false,
      () => void ran.push("never"),
    );
    router.message(F.text.eq("other"), () => void ran.push("other"));
    router.message(F.text.eq("more"), () => void ran.push("more"));
    router.message(Command("go", { magic: F.args.eq("now") }), () => void ran.push("go now"));
    router.message(Command("go"), () => void ran.push("go"));
    expect(await feed("/go now")).toEqual({ handled: true, ran: ["go now"] });
    expect(await feed("/go later")).toEqual({ handled: true, ran: ["go"] });
    expect(await feed("nothing")).toEqual({ handled: false, ran: [] });
  });

  it("sees handlers added and removed between events", async () => {
    const { router, ran, feed } = setup();
    const offs = ["a", "b", "c", "d"].map((name) => router.message(Command(name), () => void ran.push(name)));
    expect(await feed("/c")).toEqual({ handled: true, ran: ["c"] });
    offs[2]!();
    router.message(Command("c"), () => void ran.push("new c"));
    expect(await feed("/c")).toEqual({ handled: true, ran: ["new c"] });
  });
});
