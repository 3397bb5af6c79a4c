import { cp } from "node:fs/promises";
import { libraryConfig } from "../../tsup.shared";

export default libraryConfig(
  { cli: "src/cli.ts", "protocol-samples": "src/protocol-samples.ts" },
  {
    // the playground's files are read next to the bundle (import.meta.url, shimmed in the CommonJS build)
    shims: true,
    onSuccess: async () => {
      await cp("src/playground", "dist/playground", {
        recursive: true,
        filter: (source) => !source.endsWith(".d.ts"),
      });
    },
  },
);
