import { storageContract } from "@tc/router/storage-contract";
import { describe, expect, inject, it } from "vitest";
import { RedisStorage } from "../src/index.js";

// The same cases MemoryStorage passes, against a real redis-server; each case has its own bot id, so the
// storages share the server without seeing each other's records.
storageContract(
  { describe, it, expect },
  { name: "RedisStorage", create: () => new RedisStorage({ redis: inject("redisUrl") }) },
);
