import { libraryConfig } from "../../tsup.shared";
export default libraryConfig({ cli: "src/cli.ts", "protocol-samples": "src/protocol-samples.ts" });
