import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream";
import { Busboy, type BusboyFileStream } from "@fastify/busboy";
import type { FaultState } from "./faults.js";
import { sendJson } from "./http-json.js";
import { SizeLimit, SizeLimitExceeded } from "./size-limit.js";
import { type UploadLimits, uploadRejection } from "./world/upload-limits.js";
import type { StoredFile, UploadTask, WorldApi } from "./world/world-contract.js";

/** Previews are small images; a larger one is refused rather than stored. */
const maxPreviewBytes = 32 * 1024 * 1024;

type PartName = "file" | "preview";

interface UploadOutcome {
  status: number;
  body: Record<string, unknown>;
}

function problem(status: number, error: string, description: string): UploadOutcome {
  return { status, body: { error, error_description: description } };
}

/**
 * `POST /bridge/api/client/v1/files` (PROTOCOL.md 3, H5): a multipart upload for an `uploadFile` task, parsed as
 * a stream and written straight to the world's storage. The declared size is enforced while the bytes flow.
 */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  parts: { world: WorldApi; faults: FaultState },
): Promise<void> {
  const { world, faults } = parts;
  let settled = false;
  const finish = (outcome: UploadOutcome) => {
    if (settled) return;
    settled = true;
    sendJson(res, outcome.status, outcome.body);
    // Whatever the client still sends is read and dropped, so that it sees the answer instead of a reset.
    req.unpipe();
    req.resume();
  };

  const failure = faults.uploadFailure;
  if (failure !== undefined) {
    finish(problem(failure, "upload_failed", "The upload failed (injected fault)"));
    return;
  }
  const taskId = req.headers["upload-task-id"];
  if (typeof taskId !== "string" || taskId === "") {
    finish(problem(400, "invalid_request", "The Upload-Task-Id header is required"));
    return;
  }
  const task = world.uploadTask(taskId);
  if (task === undefined) {
    finish(problem(404, "invalid_request", "Unknown or finished upload task"));
    return;
  }
  // Limits are checked again here: they may have changed since `uploadFile`, and the part may carry another name.
  const uploadLimits = await currentLimits(world, task.owner);
  let busboy: ReturnType<typeof Busboy>;
  try {
    busboy = Busboy({
      headers: req.headers as Parameters<typeof Busboy>[0]["headers"],
      limits: { files: 2, fields: 16 },
    });
  } catch {
    finish(problem(400, "invalid_request", "The body must be multipart/form-data"));
    return;
  }

  const sizeLimits = new Map<PartName, SizeLimit>();
  const stored = new Map<PartName, Promise<StoredFile>>();
  const abortParts = (reason: Error) => {
    for (const limit of sizeLimits.values()) limit.destroy(reason);
  };

  busboy.on(
    "file",
    (field: string, stream: BusboyFileStream, filename: string, _encoding: string, mimeType: string) => {
      if ((field !== "file" && field !== "preview") || stored.has(field) || settled) {
        stream.resume();
        return;
      }
      const name = filename !== "" ? filename : task.fileName;
      const rejection =
        field === "file" && uploadLimits !== undefined
          ? uploadRejection(uploadLimits, name, task.fileSize)
          : undefined;
      if (rejection !== undefined) {
        stream.resume();
        finish(problem(403, "upload_rejected", `The upload limits reject this file: ${rejection}`));
        return;
      }
      const limit = new SizeLimit(field === "file" ? task.fileSize : maxPreviewBytes);
      sizeLimits.set(field, limit);
      const source = pipeline(stream, limit, () => {
        // errors surface through storeStream's promise below
      });
      const promise = world.storeStream(source, { name, mimeType });
      stored.set(field, promise);
      promise.catch((error: unknown) => {
        abortParts(error instanceof Error ? error : new Error(String(error)));
        finish(
          limit.bytes > limit.limit || error instanceof SizeLimitExceeded
            ? problem(413, "file_too_large", `The ${field} part is larger than ${limit.limit} bytes`)
            : problem(400, "upload_incomplete", `The ${field} part was not received completely`),
        );
      });
    },
  );
  busboy.on("error", () => {
    abortParts(new Error("malformed or truncated multipart body"));
    finish(problem(400, "upload_incomplete", "The multipart body is malformed or truncated"));
  });
  busboy.on("finish", () => {
    void complete(world, task, stored).then(finish, () =>
      finish(problem(400, "upload_incomplete", "The upload could not be completed")),
    );
  });
  req.on("close", () => {
    if (!req.complete) abortParts(new Error("the client went away during the upload"));
  });
  req.pipe(busboy);
}

/** The limits the server currently enforces, as a bot sees them. */
async function currentLimits(world: WorldApi, owner: string): Promise<UploadLimits | undefined> {
  const result = await world.handle(owner, "getFileUploadLimits", {});
  return "payload" in result && !Array.isArray(result.payload)
    ? (result.payload as unknown as UploadLimits)
    : undefined;
}

async function complete(
  world: WorldApi,
  task: UploadTask,
  stored: Map<PartName, Promise<StoredFile>>,
): Promise<UploadOutcome> {
  const filePromise = stored.get("file");
  if (filePromise === undefined) return problem(400, "invalid_request", 'The "file" part is missing');
  const file = await filePromise;
  const preview = await stored.get("preview");
  if (file.size !== task.fileSize) {
    return problem(400, "size_mismatch", `Declared ${task.fileSize} bytes, received ${file.size}`);
  }
  const temporalFileId = world.completeUpload(task.taskId, file, preview);
  return { status: 200, body: { temporalFileId } };
}
