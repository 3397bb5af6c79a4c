import { describeValue } from "@tc/core";
import type * as v from "valibot";

/**
 * Short descriptions of why a payload broke its schema, each with the path of the offending key
 * (`content.text: expected string, got a number`). Values are described by their type only, never echoed: a
 * payload may carry message texts.
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = issue.path?.map((item) => String(item.key)).join(".");
    // Our own checks carry a message written for this; valibot's default messages quote the received value.
    const what =
      issue.kind === "validation" && issue.type === "check"
        ? issue.message
        : `expected ${issue.expected ?? issue.type}, got ${describeValue(issue.input)}`;
    return path ? `${path}: ${what}` : what;
  });
}
