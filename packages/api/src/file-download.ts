import { downloadFile, downloadToBuffer } from "@tc/files";
import type { Dispatcher } from "undici";
import { FileReadyState } from "./enums/file-ready-state.js";
import { FileNotAvailableError, FileNotReadyError } from "./errors/file-availability-errors.js";
import type { FileProgressWaiters } from "./file-progress-waiters.js";
import type { GetFileInfoResponse } from "./schemas/responses.js";

/** Cap of an in-memory download when neither the caller nor the server gives a size. */
const unknownSizeCap = 64 * 1024 * 1024;

/** What the download flow needs from the Api. */
export interface DownloadContext {
  fileInfo(fileId: string): Promise<GetFileInfoResponse>;
  subscribe(fileId: string): Promise<unknown>;
  unsubscribe(fileId: string): Promise<unknown>;
  readonly progress: FileProgressWaiters;
  readonly httpDispatcher: Dispatcher | undefined;
  readonly pollIntervalMs: number;
}

/** Where the bytes go and how long to wait for a file that is still uploading. */
export interface DownloadRequest {
  readonly destPath?: string | undefined;
  readonly maxBytes?: number | undefined;
  readonly timeoutMs: number;
  /** Cancels the waits and the transfer (the requests get it from the context's functions). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The download flow of PROTOCOL.md 8.3: file info; when still uploading, register for progress, subscribe, wait
 * for the last byte, unsubscribe, poll until a download URL appears; then stream it.
 */
export async function downloadById(
  context: DownloadContext,
  fileId: string,
  request: DownloadRequest,
): Promise<string | Uint8Array> {
  try {
    return await download(context, fileId, request);
  } catch (error) {
    // One outcome for one abort, whichever step it interrupted (a request, the wait or the transfer).
    if (request.signal?.aborted) throw request.signal.reason;
    throw error;
  }
}

async function download(
  context: DownloadContext,
  fileId: string,
  request: DownloadRequest,
): Promise<string | Uint8Array> {
  const deadline = Date.now() + request.timeoutMs;
  let info = await readyInfo(context, fileId);
  if (info.readyState !== FileReadyState.READY || info.downloadUrl === null) {
    await waitForUpload(context, info, deadline, request);
    info = await pollUntilDownloadable(context, fileId, deadline, request);
  }
  const url = info.downloadUrl as string;
  const { httpDispatcher } = context;
  const { signal } = request;
  if (request.destPath !== undefined) {
    return downloadFile({ url, destPath: request.destPath, httpDispatcher, signal });
  }
  // The declared size is the natural cap of an in-memory download; the caller may set another one.
  const maxBytes = request.maxBytes ?? (info.size > 0 ? info.size : unknownSizeCap);
  return downloadToBuffer({ url, maxBytes, httpDispatcher, signal });
}

async function readyInfo(context: DownloadContext, fileId: string): Promise<GetFileInfoResponse> {
  const info = await context.fileInfo(fileId);
  if (info.readyState === FileReadyState.NOT_AVAILABLE) throw new FileNotAvailableError(fileId);
  return info;
}

async function waitForUpload(
  context: DownloadContext,
  info: GetFileInfoResponse,
  deadline: number,
  request: DownloadRequest,
): Promise<void> {
  // Registered before subscribing: the server may push progress before it answers the subscription.
  const waiter = context.progress.register(info.fileId, info.size);
  try {
    await context.subscribe(info.fileId);
    // The upload may have finished between the first look and the subscription; then no progress follows.
    const current = await readyInfo(context, info.fileId);
    if (current.readyState === FileReadyState.READY) return;
    const notReady = () => new FileNotReadyError(info.fileId, request.timeoutMs);
    await beforeDeadline(waiter.done, deadline, notReady, request.signal);
  } finally {
    waiter.cancel();
    // Best effort: a failed unsubscribe leaves at most a few stray progress pushes, never a wrong download.
    await context.unsubscribe(info.fileId).catch(() => undefined);
  }
}

async function pollUntilDownloadable(
  context: DownloadContext,
  fileId: string,
  deadline: number,
  request: DownloadRequest,
): Promise<GetFileInfoResponse> {
  // The server can lag a little between the last progress push and a usable downloadUrl.
  for (;;) {
    const info = await readyInfo(context, fileId);
    if (info.readyState === FileReadyState.READY && info.downloadUrl !== null) return info;
    const left = deadline - Date.now();
    if (left <= 0) throw new FileNotReadyError(fileId, request.timeoutMs);
    const pause = new Promise<void>((resolve) => setTimeout(resolve, Math.min(context.pollIntervalMs, left)));
    await beforeDeadline(
      pause,
      deadline,
      () => new FileNotReadyError(fileId, request.timeoutMs),
      request.signal,
    );
  }
}

/** Waits for `promise` until the deadline (then `onTimeout()`) or until `signal` aborts (then its reason). */
async function beforeDeadline(
  promise: Promise<void>,
  deadline: number,
  onTimeout: () => Error,
  signal: AbortSignal | undefined,
): Promise<void> {
  signal?.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, deadline - Date.now()));
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([promise, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
  }
}
