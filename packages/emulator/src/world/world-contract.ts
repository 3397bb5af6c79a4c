import type { Readable } from "node:stream";

/**
 * The seam between the server side (sockets, HTTP, sessions, faults) and the world (accounts, chats, messages,
 * files). The world never touches a socket; the server never decides who sees what.
 */

/** Where the world sends server events; the server fans them out to the sessions of the account. */
export interface EventSink {
  /**
   * Push a server request (event) to every authorised session of the bot account `userId` (a bare user id,
   * no instance suffix). The server applies per-session flags (system envelopes only to sessions that asked),
   * tracks acks for `receiveUnread`, and applies event faults.
   */
  push(userId: string, method: string, payload: Record<string, unknown>): void;
}

/** The outcome of one client request: a success payload, or an error code with a description. */
export type MethodResult =
  | { payload: Record<string, unknown> | unknown[] }
  | { errorCode: number; errorDescription: string };

/** A stored file's bytes and what the download endpoint needs to serve them. */
export interface StoredFile {
  path: string;
  size: number;
  name: string;
  mimeType: string;
}

/** What the HTTP upload endpoint learns from an `uploadFile` task. */
export interface UploadTask {
  taskId: string;
  owner: string;
  fileName: string;
  fileSize: number;
}

/** What the server side needs from the world. */
export interface WorldApi {
  readonly serverName: string;
  /** The bot account's user id when login and password match a bot account. */
  authenticate(login: string, password: string): string | undefined;
  /** Whether `userId` is a bot account (only bots log in over WebSocket). */
  isBot(userId: string): boolean;
  /** Handle one request of an authorised bot account. Never throws: bad input becomes an error result. */
  handle(caller: string, method: string, payload: unknown): MethodResult | Promise<MethodResult>;
  /** The open upload task with this id, if any. */
  uploadTask(taskId: string): UploadTask | undefined;
  /** Store an uploaded file (and optional preview) streamed to disk by the server; returns the `temporalFileId`. */
  completeUpload(taskId: string, file: StoredFile, preview?: StoredFile): string;
  /** Write a stream into the world's file storage (a temporary directory) and describe it. */
  storeStream(source: Readable, meta: { name: string; mimeType: string }): Promise<StoredFile>;
  /** The stored file a download URL path (as produced by the world) points at. */
  resolveDownload(pathname: string): StoredFile | undefined;
  /** Called by the server once listening, so that download URLs carry the right base. */
  setBaseUrl(url: string): void;
  /** Subscribe to every change of the world (for wait helpers); returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Remove stored files. */
  dispose(): Promise<void>;
}
