// Fallback backend (browsers without AsyncContext): a value is visible for the synchronous extent of run() only.
// Async hand-offs need captureContext() or the Babel plugin, which snapshot the store below.
import type { Backend, Scope, SnapshotRunner, Store } from "./backend.js";
import { state } from "./state.js";

interface Cell {
  current: Scope | undefined;
}

/** `cell` is where the current scope lives: shared by every copy of the runtime unless a test passes its own. */
export function createSyncStackBackend(cell: Cell = { current: undefined }): Backend {
  const store: Store = {
    getStore: () => cell.current,
    run(scope, fn, ...args) {
      const outer = cell.current;
      cell.current = scope;
      try {
        return fn(...args);
      } finally {
        cell.current = outer;
      }
    },
  };

  function snapshot(): SnapshotRunner {
    // Every context, bound or not, comes back as it was: a context unbound at capture is unbound inside, and one
    // created later is unbound too (as with AsyncLocalStorage.snapshot()).
    const captured = cell.current;
    return (fn, thisArg, args) => store.run(captured, Reflect.apply, fn, thisArg, args);
  }

  return { kind: "sync-stack", store, snapshot };
}

export const syncStackBackend: Backend = /*#__PURE__*/ createSyncStackBackend((state.syncStack ??= { current: undefined }));
