// Public surface of the FSM: State, anyState, defaultState, StateFilterContext, StatesGroup (+ StatesGroupInfo, StatesGroupMembers,
// isStatesGroup), StateFilter (+ StateFilterInput, StateFilterObject), FSMContext, FSMStrategy, StorageKey
// (+ StorageKeyParts), KeyBuilder (+ KeyBuilderOptions, KeyPart), Storage, StateData, MemoryStorage
// (+ MemoryStorageOptions), FsmRuntime (+ FsmRuntimeOptions). The storage contract suite has its own entry point
// (storage-contract.ts) so that the main entry never loads test code.
export { FSMContext } from "./fsm-context.js";
export { FsmRuntime, type FsmRuntimeOptions } from "./fsm-runtime.js";
export { FSMStrategy } from "./fsm-strategy.js";
export { KeyBuilder, type KeyBuilderOptions, type KeyPart } from "./key-builder.js";
export { MemoryStorage, type MemoryStorageOptions } from "./memory-storage.js";
export { anyState, defaultState, State, type StateFilterContext } from "./state.js";
export { StateFilter, type StateFilterInput, type StateFilterObject } from "./state-filter.js";
export { isStatesGroup, StatesGroup, type StatesGroupInfo, type StatesGroupMembers } from "./states-group.js";
export type { StateData, Storage } from "./storage.js";
export { StorageKey, type StorageKeyParts } from "./storage-key.js";
