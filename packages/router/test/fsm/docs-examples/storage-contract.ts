import { describe, expect, it } from "vitest";
import { storageContract } from "../../../src/fsm/storage-contract.js";
import { MemoryStorage } from "../../../src/index.js";

// In a storage package: the same cases, run against your storage (one fresh instance per case).
storageContract({ describe, it, expect }, { name: "MemoryStorage", create: () => new MemoryStorage() });
