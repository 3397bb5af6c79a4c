import { mergeConfig } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared.ts";

export default mergeConfig(packageTestConfig(), {
  test: { globalSetup: ["test/support/build-once.ts"] },
});
