// The server may write the auth response and its first pushes in one TCP segment (unread messages go out right
// after auth); ws then emits them in one synchronous run, before any code after an await. The session (the
// bot's id) must already be known when the first push is emitted.
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import type { Session } from "../src/index.js";
import { connect } from "./support/connect.js";
import { until } from "./support/until.js";

/** An unmasked server-to-client WebSocket text frame (payloads under 126 bytes). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length >= 126) throw new Error("keep the test frames short");
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}

describe("auth response and pushes in one read", () => {
  it("emits the first push with the session already set", async () => {
    const { server, transport } = await connect();
    server.auth = () => "no-answer";
    const sessionAtFirstPush: (Session | undefined)[] = [];
    transport.on("update", () => sessionAtFirstPush.push(transport.session));
    const started = transport.start();
    await until(() => server.requests("auth").length === 1);
    const authId = server.requests("auth")[0]?.frame.id;
    const raw = (server.current as unknown as { _socket: Socket })._socket;
    raw.write(
      Buffer.concat([
        textFrame(
          JSON.stringify({ type: 2, id: authId, payload: { userId: "bot@srv/1", connectionId: "c1" } }),
        ),
        textFrame(JSON.stringify({ type: 1, id: 7, method: "sendMessage", payload: { n: 1 } })),
      ]),
    );
    await started;
    await until(() => sessionAtFirstPush.length === 1);
    expect(sessionAtFirstPush[0]).toEqual({ userId: "bot@srv/1", connectionId: "c1" });
  });
});
