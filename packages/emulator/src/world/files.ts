import { WorldErrorCode } from "./error-codes.js";
import { newHexId, newUuid } from "./ids.js";
import type { StoredFile, UploadTask } from "./world-contract.js";
import { WorldRequestError } from "./world-request-error.js";

/**
 * `readyState` of a file (PROTOCOL.md 6).
 *
 * @example
 * info.readyState === FileReadyState.READY; // 2
 */
export const FileReadyState = { NOT_AVAILABLE: 0, UPLOADING: 1, READY: 2 } as const;

/** One of the {@link FileReadyState} values. */
export type FileReadyState = (typeof FileReadyState)[keyof typeof FileReadyState];

/** A file that was sent into a chat (or set as an avatar). */
export interface FileRecord {
  readonly fileId: string;
  readonly stored: StoredFile;
  readonly preview: StoredFile | undefined;
  readyState: FileReadyState;
  /** Bytes "received" so far; equals the size once READY. */
  progress: number;
  /** Chats that carry the file; members of these chats may see it. */
  readonly chats: Set<string>;
  /** Accounts subscribed to `uploadFileProgress`. */
  readonly subscribers: Set<string>;
}

/** An uploaded file waiting for `sendFile` or `editChatAvatar`. */
interface TemporalFile {
  readonly owner: string;
  readonly file: StoredFile;
  readonly preview: StoredFile | undefined;
}

/** The path prefix of every download URL the world hands out. */
const downloadPrefix = "/emulator/files/";

/**
 * Upload tasks, temporal files and stored files, and the download URLs that point at them.
 *
 * Download URLs are `${baseUrl}/emulator/files/<fileId>/<encoded name>` for the file and
 * `${baseUrl}/emulator/files/<fileId>/preview/<encoded name>` for its preview.
 *
 * @example
 * const task = files.createTask(botId, "a.txt", 3);
 * const temporalFileId = files.completeUpload(task.taskId, stored);
 * const file = files.add(files.takeTemporal(botId, temporalFileId), true);
 */
export class FileRegistry {
  private readonly tasks = new Map<string, UploadTask>();
  private readonly temporal = new Map<string, TemporalFile>();
  private readonly byId = new Map<string, FileRecord>();
  private baseUrl = "http://127.0.0.1";

  /** Set the scheme, host and port of download URLs (the server knows them once listening). */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/+$/, "");
  }

  /** Open an upload task for `owner`. */
  createTask(owner: string, fileName: string, fileSize: number): UploadTask {
    const task: UploadTask = { taskId: newUuid(), owner, fileName, fileSize };
    this.tasks.set(task.taskId, task);
    return task;
  }

  /** The open task, if any. */
  task(taskId: string): UploadTask | undefined {
    return this.tasks.get(taskId);
  }

  /** Close a task with the bytes the server stored; returns the single-use `temporalFileId`. */
  completeUpload(taskId: string, file: StoredFile, preview?: StoredFile): string {
    const task = this.tasks.get(taskId);
    if (!task) throw new WorldRequestError(WorldErrorCode.FILE_NOT_FOUND, `no open upload task ${taskId}`);
    this.tasks.delete(taskId);
    const temporalFileId = newUuid();
    this.temporal.set(temporalFileId, { owner: task.owner, file, preview });
    return temporalFileId;
  }

  /** Consume a temporal file of `owner`; another account's id is as unknown as a made-up one (308). */
  takeTemporal(owner: string, temporalFileId: string): { file: StoredFile; preview: StoredFile | undefined } {
    const temporal = this.temporal.get(temporalFileId);
    if (!temporal || temporal.owner !== owner) {
      throw new WorldRequestError(WorldErrorCode.FILE_NOT_FOUND, `temporal file ${temporalFileId} not found`);
    }
    this.temporal.delete(temporalFileId);
    return { file: temporal.file, preview: temporal.preview };
  }

  /** Register a stored file, READY or still UPLOADING. */
  add(bytes: { file: StoredFile; preview: StoredFile | undefined }, ready: boolean): FileRecord {
    const record: FileRecord = {
      fileId: newHexId(),
      stored: bytes.file,
      preview: bytes.preview,
      readyState: ready ? FileReadyState.READY : FileReadyState.UPLOADING,
      progress: ready ? bytes.file.size : 0,
      chats: new Set(),
      subscribers: new Set(),
    };
    this.byId.set(record.fileId, record);
    return record;
  }

  /** The file, if it exists. */
  get(fileId: string): FileRecord | undefined {
    return this.byId.get(fileId);
  }

  /** The current `readyState` of a file (for rendering attachment envelopes). */
  readonly readyStateOf = (fileId: string): number | undefined => this.byId.get(fileId)?.readyState;

  /** Where the file can be downloaded. */
  downloadUrl(file: FileRecord): string {
    return `${this.baseUrl}${downloadPrefix}${file.fileId}/${encodeURIComponent(file.stored.name)}`;
  }

  /** Where the file's preview can be downloaded. */
  previewUrl(file: FileRecord, preview: StoredFile): string {
    return `${this.baseUrl}${downloadPrefix}${file.fileId}/preview/${encodeURIComponent(preview.name)}`;
  }

  /** The bytes a download path points at; a file that is not READY cannot be downloaded yet (its preview can). */
  resolveDownload(pathname: string): StoredFile | undefined {
    if (!pathname.startsWith(downloadPrefix)) return undefined;
    const [fileId, ...rest] = pathname.slice(downloadPrefix.length).split("/");
    const file = fileId === undefined ? undefined : this.byId.get(fileId);
    if (!file) return undefined;
    const name = (encoded: string | undefined) => {
      try {
        return encoded === undefined ? undefined : decodeURIComponent(encoded);
      } catch {
        return undefined;
      }
    };
    if (rest.length === 1 && name(rest[0]) === file.stored.name) {
      return file.readyState === FileReadyState.READY ? file.stored : undefined;
    }
    if (rest.length === 2 && rest[0] === "preview" && file.preview && name(rest[1]) === file.preview.name) {
      return file.preview;
    }
    return undefined;
  }
}
