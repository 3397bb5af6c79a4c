import type { ChatRecord } from "./chats.js";
import { AuthorType, type MessageRecord, MessageType } from "./envelopes.js";
import { WorldErrorCode } from "./error-codes.js";
import { FileReadyState, type FileRecord } from "./files.js";
import { requirePostTarget } from "./message-methods.js";
import type { MethodTable } from "./method-table.js";
import type { TextContent } from "./text-content.js";
import { readTextContent } from "./text-content.js";
import { type UploadLimits, uploadRejection } from "./upload-limits.js";
import type { StoredFile } from "./world-contract.js";
import type { WorldCore } from "./world-core.js";
import { WorldRequestError } from "./world-request-error.js";

/** The bytes of a file about to be sent, already on disk. */
export interface FileBytes {
  file: StoredFile;
  preview: StoredFile | undefined;
}

/**
 * Send a file into a chat as an ATTACHMENT (202). The caption travels inside the attachment content as
 * `caption: { text, parseMode }` (the sources are silent on where a caption goes; one envelope keeps the
 * `sendFile` response's single `messageId` true). `takeBytes` runs only after the chat checks passed, so a
 * refused request does not consume a temporal file.
 */
export function sendFile(
  core: WorldCore,
  actor: string,
  input: {
    chatId: string;
    takeBytes: () => FileBytes;
    ready: boolean;
    caption?: TextContent | undefined;
    replyMessageId?: string | undefined;
  },
): { message: MessageRecord; file: FileRecord } {
  const chat: ChatRecord = requirePostTarget(core, actor, input.chatId, input.replyMessageId);
  const file = core.files.add(input.takeBytes(), input.ready);
  file.chats.add(chat.chatId);
  const content: Record<string, unknown> = {
    name: file.stored.name,
    size: file.stored.size,
    fileId: file.fileId,
    mimeType: file.stored.mimeType,
    readyState: file.readyState,
  };
  if (input.caption) content.caption = { ...input.caption };
  const message = core.post(chat, {
    author: { id: actor, type: AuthorType.USER },
    type: MessageType.ATTACHMENT,
    content,
    replyMessageId: input.replyMessageId,
  });
  return { message, file };
}

/** A file `actor` may see: one carried by a chat `actor` belongs to; otherwise 308, as if it did not exist. */
function requireVisibleFile(core: WorldCore, actor: string, fileId: string): FileRecord {
  const file = core.files.get(fileId);
  const visible = file && [...file.chats].some((chatId) => core.chats.get(chatId)?.participants.has(actor));
  if (!file || !visible)
    throw new WorldRequestError(WorldErrorCode.FILE_NOT_FOUND, `file ${fileId} not found`);
  return file;
}

/**
 * Let a still-uploading file progress in `steps` equal steps (each an `uploadFileProgress` to its subscribers)
 * and become READY.
 */
export function finishUpload(core: WorldCore, file: FileRecord, steps: number): void {
  if (file.readyState === FileReadyState.READY) return;
  const size = file.stored.size;
  for (let step = 1; step <= steps; step += 1) {
    file.progress = Math.floor((size * step) / steps);
    if (step === steps) file.readyState = FileReadyState.READY;
    core.push(file.subscribers, "uploadFileProgress", { fileId: file.fileId, progress: file.progress });
  }
  core.changed();
}

/** The limits as the `getFileUploadLimits` payload (response and push alike). */
export function limitsPayload(limits: UploadLimits): Record<string, unknown> {
  return {
    maxSize: limits.maxSize,
    extensions: limits.extensions && { mode: limits.extensions.mode, list: [...limits.extensions.list] },
  };
}

/** The `getFileInfo` answer for a file `actor` may see (308 otherwise). */
export function fileInfo(core: WorldCore, actor: string, fileId: string): Record<string, unknown> {
  const file = requireVisibleFile(core, actor, fileId);
  const ready = file.readyState === FileReadyState.READY;
  const preview = file.preview;
  return {
    name: file.stored.name,
    size: file.stored.size,
    mimeType: file.stored.mimeType,
    readyState: file.readyState,
    [core.options.fileInfoIdKey]: file.fileId,
    downloadUrl: ready ? core.files.downloadUrl(file) : null,
    previews: preview
      ? [
          {
            name: preview.name,
            size: preview.size,
            mimeType: preview.mimeType,
            downloadUrl: core.files.previewUrl(file, preview),
          },
        ]
      : null,
  };
}

/** Wire methods of this area. */
export const fileMethods: MethodTable = {
  uploadFile(core, caller, input) {
    const fileSize = input.integer("fileSize", 0);
    const fileName = input.string("fileName");
    const rejection = uploadRejection(core.limits, fileName, fileSize);
    if (rejection) throw new WorldRequestError(WorldErrorCode.UPLOAD_REJECTED, rejection);
    return { uploadTaskId: core.files.createTask(caller, fileName, fileSize).taskId };
  },
  sendFile(core, caller, input) {
    const content = input.object("content");
    const temporalFileId = content.string("temporalFileId");
    const captionInput = content.optionalObject("caption");
    const { message, file } = sendFile(core, caller, {
      chatId: input.string("chatId"),
      takeBytes: () => core.files.takeTemporal(caller, temporalFileId),
      ready: !core.stallReadiness,
      caption: captionInput && readTextContent(captionInput),
      replyMessageId: input.optionalString("replyMessageId"),
    });
    return {
      chatId: message.chatId,
      messageId: message.messageId,
      timestamp: message.timestamp,
      fileId: file.fileId,
    };
  },
  getFileInfo(core, caller, input) {
    return fileInfo(core, caller, input.string("fileId"));
  },
  subscribeFileProgress(core, caller, input) {
    requireVisibleFile(core, caller, input.string("fileId")).subscribers.add(caller);
    return { result: true };
  },
  unsubscribeFileProgress(core, caller, input) {
    return { result: requireVisibleFile(core, caller, input.string("fileId")).subscribers.delete(caller) };
  },
  getFileUploadLimits(core) {
    return limitsPayload(core.limits);
  },
};
