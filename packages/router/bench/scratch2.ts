import { Api, type Message } from "@tc/api";
import { protocolSamples } from "@tc/emulator/protocol-samples";
import { Command, F } from "../src/index.js";
import { compileChecks } from "../src/filters/filter.js";
const api = new Api({ session: { userId: "bot@video.example.org" }, request: async () => ({}) });
const sample = protocolSamples.events.find((frame) => frame.method === "sendMessage")!;
const payload = structuredClone(sample.payload) as Record<string, unknown>;
payload.content = { text: "word7", parseMode: "text" };
const m = api.parseUpdate({ method: "sendMessage", id: 1, payload }) as Message;
const N = 2_000_000;
function t(name: string, f: () => unknown) {
  for (let i = 0; i < 100000; i++) f();
  const s = performance.now(); for (let i = 0; i < N; i++) f(); console.log(name.padEnd(30), ((performance.now() - s) * 1e6 / N).toFixed(1), "ns");
}
const ctx = {};
const fchk = compileChecks([F.text.eq("word9")]);
const cchk = compileChecks([Command("cmd8")]);
const fil = F.text.eq("word9") as any;
t("m.text", () => m.text);
t("m.type", () => (m as any).type);
t("F check", () => fchk(m, ctx));
t("Command check", () => cchk(m, ctx));
t("F.resolve", () => fil.resolve(m));
