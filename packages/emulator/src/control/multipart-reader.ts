import type { IncomingMessage } from "node:http";
import { Busboy, type BusboyFileStream } from "@fastify/busboy";
import { ControlError, type UploadedPart } from "./control-route.js";

/** The largest file the control API takes in one request; it is held in memory, so the cap is modest. */
export const maxControlUploadBytes = 64 * 1024 * 1024;

/**
 * Reads a multipart/form-data request into its text fields and file parts. A part larger than
 * {@link maxControlUploadBytes}, a second part of the same name or a malformed body is a {@link ControlError}
 * (413 or 400) — before anything is changed in the world.
 *
 * @example
 * const { fields, files } = await readMultipart(req, ["file", "preview"]);
 */
export function readMultipart(
  req: IncomingMessage,
  fileNames: readonly string[],
): Promise<{ fields: Record<string, string>; files: Map<string, UploadedPart> }> {
  return new Promise((resolve, reject) => {
    let busboy: ReturnType<typeof Busboy>;
    try {
      busboy = Busboy({
        headers: req.headers as Parameters<typeof Busboy>[0]["headers"],
        limits: { fileSize: maxControlUploadBytes, files: fileNames.length, fields: 32 },
      });
    } catch {
      reject(new ControlError(400, "invalid_request", "the body must be multipart/form-data"));
      return;
    }
    const fields: Record<string, string> = {};
    const files = new Map<string, UploadedPart>();
    let failure: ControlError | undefined;
    const fail = (error: ControlError) => {
      failure ??= error;
    };
    busboy.on("field", (name: string, value: string) => {
      if (Object.hasOwn(fields, name))
        fail(new ControlError(400, "invalid_request", `${name} is given twice`, name));
      fields[name] = value;
    });
    busboy.on(
      "file",
      (name: string, stream: BusboyFileStream, filename: string, _enc: string, mimeType: string) => {
        if (!fileNames.includes(name)) {
          fail(
            new ControlError(
              400,
              "invalid_request",
              `${name} is not a known file part (expected ${fileNames.join(", ")})`,
              name,
            ),
          );
          stream.resume();
          return;
        }
        if (files.has(name)) fail(new ControlError(400, "invalid_request", `${name} is given twice`, name));
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("limit", () =>
          fail(
            new ControlError(413, "too_large", `${name} is larger than ${maxControlUploadBytes} bytes`, name),
          ),
        );
        stream.on("end", () => {
          files.set(name, { filename, mimeType, data: Buffer.concat(chunks) });
        });
      },
    );
    busboy.on("error", () => {
      reject(
        failure ?? new ControlError(400, "invalid_request", "the multipart body is malformed or truncated"),
      );
    });
    busboy.on("finish", () => {
      if (failure) reject(failure);
      else resolve({ fields, files });
    });
    req.pipe(busboy);
  });
}
