import { describe, expect, it } from "vitest";
import { KeyBuilder, MemoryStorage } from "../../src/fsm/index.js";
import { storageContract } from "../../src/fsm/storage-contract.js";

storageContract({ describe, it, expect }, { name: "MemoryStorage", create: () => new MemoryStorage() });
storageContract(
  { describe, it, expect },
  { name: "MemoryStorage with a TTL", create: () => new MemoryStorage({ ttl: 60_000 }) },
);
storageContract(
  { describe, it, expect },
  {
    name: "MemoryStorage with a key builder",
    create: () => new MemoryStorage({ keyBuilder: new KeyBuilder({ withBotId: true, withDestiny: true }) }),
  },
);
