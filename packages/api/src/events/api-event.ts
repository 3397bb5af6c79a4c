import type { Api } from "../api.js";

/** Base of every typed event: remembers the Api that parsed it, for shortcuts and handlers. */
export abstract class ApiEvent {
  readonly #api: Api;
  constructor(api: Api) {
    this.#api = api;
  }

  /** The Api this event is bound to (kept out of enumerable fields so events log cleanly). */
  get api(): Api {
    return this.#api;
  }
}
