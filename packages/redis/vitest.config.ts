import { mergeConfig } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared.ts";

// One real redis-server for the run, started and stopped by the global setup (no mocks).
export default mergeConfig(packageTestConfig(), {
  test: { globalSetup: ["test/support/global-setup.ts"] },
});
