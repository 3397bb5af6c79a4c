import * as v from "valibot";
import { ResponseValidationError } from "./errors/response-validation-error.js";

/** Checks a response payload against its schema; a mismatch fails this call only, with a typed error. */
export function parseResponse<S extends v.GenericSchema>(
  method: string,
  schema: S,
  payload: unknown,
): v.InferOutput<S> {
  const result = v.safeParse(schema, payload);
  if (result.success) return result.output;
  const issues = result.issues.map((issue) => {
    const path = issue.path?.map((item) => String(item.key)).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new ResponseValidationError(method, issues, payload);
}
