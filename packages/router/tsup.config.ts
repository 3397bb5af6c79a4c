import { libraryConfig } from "../../tsup.shared";
// The storage contract suite has its own entry, so the main one never loads test code.
export default libraryConfig({ "storage-contract": "src/fsm/storage-contract.ts" });
