// What a backend (AsyncLocalStorage, AsyncContext, sync stack) provides to createContext and captureContext.

/**
 * One binding made by run(). Contexts store a fresh frame per run() rather than the bare value so that a run
 * scope has an identity of its own: per-execution resources hang off it (two runs with the same value stay apart).
 */
export interface Frame {
  readonly v: unknown;
  r: Map<object, unknown> | undefined;
}

/**
 * The storage behind one context. Shaped like AsyncLocalStorage on purpose: on Node the slot *is* one, so a proxy
 * read is a single getStore() call with no wrapper in between.
 */
export interface Slot {
  /** The frame bound in the current execution, or undefined outside any run(). */
  getStore(): Frame | undefined;
  run<R>(frame: Frame, fn: (...args: any[]) => R, ...args: any[]): R;
}

/** Runs fn with thisArg and args inside the contexts captured when the runner was made. */
export type SnapshotRunner = (fn: (...args: any[]) => unknown, thisArg: unknown, args: unknown[]) => unknown;

export interface Backend {
  readonly kind: "async-local-storage" | "async-context" | "sync-stack";
  slot(name: string): Slot;
  snapshot(): SnapshotRunner;
}
