// The public names of the filters: the registration contract, the magic filter, combinators and Command.
export {
  type AllOf,
  type AnyOf,
  and,
  type CombinableFilter,
  CombinedFilter,
  type NoneOf,
  not,
  or,
} from "./combinators.js";
export { Command, CommandFilter, type CommandOptions, type CommandPattern } from "./command.js";
export type { CommandObject } from "./command-object.js";
export {
  type Added,
  compileFilters,
  type FilterFunction,
  type FilterInput,
  type FilterObject,
  type FilterResult,
  type Handler,
  type Narrowed,
  type Registration,
} from "./filter.js";
export { F } from "./magic-filter.js";
export type {
  MagicAttribute,
  MagicFilter,
  MagicMode,
  MagicOperationName,
  MagicPath,
  MagicResult,
  MagicRoot,
  PathShape,
} from "./magic-types.js";
export { type FilterTypes, filterTypes, type TypedFilter } from "./typed-filter.js";
