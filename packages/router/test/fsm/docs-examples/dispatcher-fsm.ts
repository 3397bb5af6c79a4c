import { Dispatcher, FSMStrategy, MemoryStorage } from "../../../src/index.js";
import { router } from "./form.js";

export const dp = new Dispatcher({
  // Forms left unfinished for a day are forgotten.
  storage: new MemoryStorage({ ttl: 24 * 60 * 60 * 1000 }),
  // One form per user, whichever chat they write in.
  fsmStrategy: FSMStrategy.GLOBAL_USER,
});
dp.includeRouter(router);
