import { libraryConfig } from "../../tsup.shared";
export default libraryConfig({ cli: "src/cli.ts" });
