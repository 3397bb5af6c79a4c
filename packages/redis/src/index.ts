// The public surface of @tc/redis: RedisStorage (+ RedisStorageOptions), ReplicaCoordinator
// (+ ReplicaCoordinatorOptions, ReplicaStats, ReplicaContext), eventIdentity (+ ReplicaEvent), RedisLock
// (+ LockLease, RedisLockSettings, AcquireOptions), DataSerializer, jsonSerializer, RedisSource, and the errors
// LockTimeoutError and UnserializableDataError.
export { type DataSerializer, jsonSerializer } from "./data-serializer.js";
export { LockTimeoutError, UnserializableDataError } from "./errors.js";
export { eventIdentity, type ReplicaEvent } from "./event-identity.js";
export type { RedisSource } from "./redis-connection.js";
export { type AcquireOptions, LockLease, RedisLock, type RedisLockSettings } from "./redis-lock.js";
export { RedisStorage, type RedisStorageOptions } from "./redis-storage.js";
export {
  type ReplicaContext,
  ReplicaCoordinator,
  type ReplicaCoordinatorOptions,
  type ReplicaStats,
} from "./replica-coordinator.js";
