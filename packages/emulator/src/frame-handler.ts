import type { EventFanout } from "./event-fanout.js";
import type { ArmedDrop, DropMoment, FaultState } from "./faults.js";
import type { FrameLog, FrameRecord } from "./frame-log.js";
import type { TokenSigner } from "./jwt.js";
import type { ProtocolOptions } from "./protocol-options.js";
import type { Session } from "./session.js";
import type { MethodResult, WorldApi } from "./world/world-contract.js";

/** Error codes of PROTOCOL.md 7.2 that the connection layer itself produces. */
const ErrorCode = {
  NOT_AUTHORIZED: 200,
  INVALID_CREDENTIALS: 201,
  CREDENTIALS_EXPIRED: 203,
  UNSUPPORTED_CREDENTIALS: 204,
  INTERNAL_ERROR: 300,
  UNKNOWN_MESSAGE: 307,
} as const;

const descriptions: Record<number, string> = {
  [ErrorCode.NOT_AUTHORIZED]: "Not authorized",
  [ErrorCode.INVALID_CREDENTIALS]: "Invalid credentials",
  [ErrorCode.CREDENTIALS_EXPIRED]: "Credentials expired",
  [ErrorCode.UNSUPPORTED_CREDENTIALS]: "Unsupported credentials",
  [ErrorCode.INTERNAL_ERROR]: "Internal server error",
  [ErrorCode.UNKNOWN_MESSAGE]: "Unknown message",
};

function failure(
  errorCode: number,
  errorDescription = descriptions[errorCode] ?? "Forced failure",
): MethodResult {
  return { errorCode, errorDescription };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFrameId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

/** Everything the frame handler works with. */
export interface FrameHandlerParts {
  world: WorldApi;
  protocol: ProtocolOptions;
  faults: FaultState;
  signer: TokenSigner;
  fanout: EventFanout;
  log: FrameLog;
  /** Re-evaluates waits: an ack changes session state after its frame was logged. */
  changed: () => void;
}

/**
 * Reads client frames of one emulator: acks, `auth`, the 200-before-auth rule, request faults, and routing of
 * every other request to the world. Garbage from a client is logged and skipped, never fatal.
 */
export class FrameHandler {
  readonly #parts: FrameHandlerParts;

  constructor(parts: FrameHandlerParts) {
    this.#parts = parts;
  }

  /** Handles one text frame received on `session`. */
  receive(session: Session, raw: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const frame = isRecord(parsed) ? parsed : undefined;
    const record = this.#parts.log.append(session.id, "in", raw, frame);
    if (frame === undefined || !isFrameId(frame.id)) return;
    if (frame.type === 2) {
      const entry = session.acknowledge(frame.id);
      if (entry !== undefined) this.#parts.fanout.acknowledged(entry);
      this.#parts.changed();
      return;
    }
    if (frame.type !== 1) return;
    if (typeof frame.method !== "string" || frame.method === "") {
      this.#respond(session, record, failure(ErrorCode.UNKNOWN_MESSAGE, "Request without a method"));
      return;
    }
    void this.#request(session, record, frame.method, frame.payload ?? {});
  }

  async #request(session: Session, record: FrameRecord, method: string, payload: unknown): Promise<void> {
    const { faults } = this.#parts;
    const drop = faults.takeDrop(method, session.id);
    const dropAt = (moment: DropMoment) => {
      if (drop?.at === moment) this.#drop(session, record, drop);
    };
    if (drop?.at === "beforeRun") {
      this.#drop(session, record, drop);
      return;
    }
    if (faults.takeSilence(method)) return;
    const forced = faults.takeFailure(method);
    let result: MethodResult;
    let afterAuth = false;
    if (forced !== undefined) {
      result = failure(forced);
    } else if (method === "auth") {
      result = this.#auth(session, payload);
      afterAuth = "payload" in result;
    } else if (!session.authorized || session.userId === undefined) {
      result = failure(ErrorCode.NOT_AUTHORIZED);
    } else if (faults.expiresRequests(session.tokenSerial, session.userId)) {
      result = failure(ErrorCode.CREDENTIALS_EXPIRED);
    } else {
      result = await this.#callWorld(session.userId, method, payload);
    }
    record.result = result;
    this.#parts.changed();
    dropAt("afterRun");
    const delay = faults.responseDelay(method);
    const answer = () => {
      dropAt("beforeAnswer");
      this.#respond(
        session,
        record,
        result,
        drop?.at === "afterAnswer" ? () => dropAt("afterAnswer") : undefined,
      );
      if (afterAuth) this.#afterAuth(session);
    };
    // unref: a delayed answer for an emulator that has stopped must not keep the process alive
    if (delay > 0) setTimeout(answer, delay).unref();
    else answer();
  }

  async #callWorld(userId: string, method: string, payload: unknown): Promise<MethodResult> {
    try {
      return await this.#parts.world.handle(userId, method, payload);
    } catch {
      // The world promises never to throw; if it does anyway, the client still gets an answer.
      return failure(ErrorCode.INTERNAL_ERROR);
    }
  }

  #auth(session: Session, payload: unknown): MethodResult {
    const { world, signer, faults, protocol } = this.#parts;
    if (!isRecord(payload) || typeof payload.token !== "string")
      return failure(ErrorCode.INVALID_CREDENTIALS);
    if (payload.tokenType !== undefined && payload.tokenType !== "JWT")
      return failure(ErrorCode.UNSUPPORTED_CREDENTIALS);
    const verdict = signer.verify(payload.token);
    if ("problem" in verdict) {
      return failure(
        verdict.problem === "expired" ? ErrorCode.CREDENTIALS_EXPIRED : ErrorCode.INVALID_CREDENTIALS,
      );
    }
    const serial = Number(verdict.claims.jti);
    const userId = verdict.claims.sub;
    if (faults.isTokenExpired(serial, userId)) return failure(ErrorCode.CREDENTIALS_EXPIRED);
    if (!world.isBot(userId)) return failure(ErrorCode.INVALID_CREDENTIALS);
    session.userId = userId;
    session.tokenSerial = serial;
    session.flags = {
      receiveUnread: payload.receiveUnread === true,
      receiveSystemMessageEnvelopes: payload.receiveSystemMessageEnvelopes === true,
    };
    const result: Record<string, unknown> = {
      userId: protocol.userIdInstanceSuffix ? `${userId}/${session.instance}` : userId,
    };
    if (protocol.authConnectionId) result.connectionId = session.connectionId;
    return { payload: result };
  }

  /** What follows a successful `auth` once its response is out: optional limits push, then unread messages. */
  #afterAuth(session: Session): void {
    const { world, protocol, fanout, faults } = this.#parts;
    if (session.userId === undefined) return;
    if (protocol.pushLimitsAfterAuth) {
      void Promise.resolve(world.handle(session.userId, "getFileUploadLimits", {})).then((limits) => {
        if ("payload" in limits && isRecord(limits.payload)) {
          session.sendEvent("getFileUploadLimits", limits.payload, undefined, faults.eventDelivery);
        }
        if (session.flags.receiveUnread) fanout.redeliverUnread(session);
      });
      return;
    }
    if (session.flags.receiveUnread) fanout.redeliverUnread(session);
  }

  /** Fires a drop trigger: the session ends at once, and the trigger reports it with the request's record. */
  #drop(session: Session, record: FrameRecord, drop: ArmedDrop): void {
    if (!session.open) return;
    drop.fired = { ...session.drop(drop), at: drop.at, request: record };
    this.#parts.changed();
  }

  /** Answers a request; `onWritten` runs once the answer is on its way (never, when the session is gone). */
  #respond(session: Session, request: FrameRecord, result: MethodResult, onWritten?: () => void): void {
    const { protocol } = this.#parts;
    let payload: Record<string, unknown> | unknown[];
    if ("payload" in result) {
      payload = result.payload;
      if (protocol.successErrorCode && !Array.isArray(payload)) payload = { ...payload, errorCode: 0 };
    } else {
      payload = protocol.errorDescriptions
        ? { errorCode: result.errorCode, errorDescription: result.errorDescription }
        : { errorCode: result.errorCode };
    }
    request.result = result;
    const response = session.send({ type: 2, id: request.frame?.id, payload }, onWritten);
    if (response !== undefined) request.response = response;
  }
}
