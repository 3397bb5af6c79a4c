import type { Dispatcher } from "undici";
import { describe, expectTypeOf, it } from "vitest";
import {
  ConnectionState,
  ErrorCode,
  type HealthStatus,
  type ServerUpdate,
  type Session,
  type StopOptions,
  type TokenInfo,
  Transport,
  type TransportOptions,
} from "../src/index.js";

describe("public types", () => {
  it("request is generic in its result and takes one options object", () => {
    const transport = new Transport({ server: "x", token: "t" } as TransportOptions);
    expectTypeOf(transport.request<{ messageId: string }>("sendMessage", {})).toEqualTypeOf<
      Promise<{ messageId: string }>
    >();
    expectTypeOf(transport.request("getChats")).toEqualTypeOf<Promise<unknown>>();
    expectTypeOf(transport.request)
      .parameter(2)
      .toEqualTypeOf<{ timeout?: number | undefined; signal?: AbortSignal | undefined } | undefined>();
    expectTypeOf(transport.session).toEqualTypeOf<Session | undefined>();
    expectTypeOf(transport.health()).toEqualTypeOf<HealthStatus>();
  });

  it("pause/resume, graceful stop and the HTTP dispatcher are typed", () => {
    const transport = new Transport({ server: "x", token: "t" } as TransportOptions);
    expectTypeOf(transport.paused).toEqualTypeOf<boolean>();
    expectTypeOf(transport.heldUpdates).toEqualTypeOf<number>();
    expectTypeOf(transport.pause).returns.toEqualTypeOf<void>();
    expectTypeOf(transport.stop).parameter(0).toEqualTypeOf<StopOptions | undefined>();
    expectTypeOf<StopOptions>().toEqualTypeOf<{ deadline?: number | undefined }>();
    expectTypeOf(transport.stop({ deadline: 1000 })).toEqualTypeOf<Promise<void>>();
    expectTypeOf(transport.httpDispatcher).toEqualTypeOf<Dispatcher>();
    // @ts-expect-error renamed to httpDispatcher
    void transport.dispatcher;
  });

  it("events carry typed payloads", () => {
    const transport = new Transport({ server: "x", token: "t" } as TransportOptions);
    transport.on("update", (update) => expectTypeOf(update).toEqualTypeOf<ServerUpdate>());
    transport.on("state", (health) => expectTypeOf(health.status).toEqualTypeOf<ConnectionState>());
    transport.on("authorized", (session) => expectTypeOf(session).toEqualTypeOf<Session>());
    // @ts-expect-error unknown event names are rejected
    transport.on("nope", () => {});
  });

  it("enums are literal unions and token providers may return a string or TokenInfo", () => {
    expectTypeOf(ErrorCode.CREDENTIALS_EXPIRED).toEqualTypeOf<203>();
    expectTypeOf<ConnectionState>().toEqualTypeOf<
      "connecting" | "connected" | "authorized" | "disconnected" | "stopped"
    >();
    expectTypeOf(ConnectionState.AUTHORIZED).toEqualTypeOf<"authorized">();
    expectTypeOf<TransportOptions["tokenProvider"]>().toEqualTypeOf<
      ((reason: "initial" | "expired" | "refresh") => Promise<string | TokenInfo>) | undefined
    >();
  });
});
