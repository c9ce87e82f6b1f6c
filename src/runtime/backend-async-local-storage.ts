// Node backend: one AsyncLocalStorage for every context of every copy of the runtime. Only the node entry imports
// this file, so browser bundles never see node:async_hooks.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Backend, Scope, Store } from "./backend.js";
import { state } from "./state.js";

const store: Store = (state.asyncLocalStorage ??= new AsyncLocalStorage<Scope>());

export const asyncLocalStorageBackend: Backend = {
  kind: "async-local-storage",
  store,
  snapshot() {
    // Captures every AsyncLocalStorage of the process: ours, an older copy's, and other libraries'.
    const run = AsyncLocalStorage.snapshot();
    return (fn, thisArg, args) => run(Reflect.apply, fn, thisArg, args);
  },
};
