// Node backend: one AsyncLocalStorage per context. Only the node entry imports this file, so browser bundles
// never see node:async_hooks.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Backend, Frame, Slot } from "./backend.js";

function slot(): Slot {
  return new AsyncLocalStorage<Frame>();
}

export const asyncLocalStorageBackend: Backend = {
  kind: "async-local-storage",
  slot,
  snapshot() {
    // Captures every AsyncLocalStorage of the process, including other copies of this runtime.
    const run = AsyncLocalStorage.snapshot();
    return (fn, thisArg, args) => run(Reflect.apply, fn, thisArg, args);
  },
};
