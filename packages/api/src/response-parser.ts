import * as v from "valibot";
import { ResponseValidationError } from "./errors/response-validation-error.js";
import { describeIssues } from "./schemas/schema-issues.js";

/** Checks a response payload against its schema; a mismatch fails this call only, with a typed error. */
export function parseResponse<S extends v.GenericSchema>(
  method: string,
  schema: S,
  payload: unknown,
): v.InferOutput<S> {
  const result = v.safeParse(schema, payload);
  if (result.success) return result.output;
  throw new ResponseValidationError(method, describeIssues(result.issues), payload);
}
