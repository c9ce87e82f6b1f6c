// What a backend (AsyncLocalStorage, AsyncContext, sync stack) provides to createContext and captureContext.
//
// One store per process carries every context's binding. A store per context (one AsyncLocalStorage each) made every
// async operation of the process pay for every context that had ever run — on Node 20 an AsyncLocalStorage that has
// run stays registered for good, so contexts created per request or per test slowed everything down without bound.

/**
 * One binding made by run(). Contexts store a fresh frame per run() rather than the bare value so that a run
 * scope has an identity of its own: per-execution resources hang off it (two runs with the same value stay apart).
 */
export interface Frame {
  readonly v: unknown;
  r: Map<object, unknown> | undefined;
}

/**
 * The store's value: an immutable list of the bound contexts, innermost run first, each context at most once (so the
 * list is as long as the number of contexts bound at once, however long a chain of nested or recursive runs).
 * Shared by every copy of the runtime (see state.ts): its shape is part of the cross-copy contract.
 */
export interface Scope {
  /** The context (its identity only). */
  readonly k: object;
  /** Its value, copied from the frame so that a read is one load. */
  readonly v: unknown;
  readonly f: Frame;
  /** The other bound contexts. */
  readonly n: Scope | undefined;
}

/** The one store. Shaped like AsyncLocalStorage on purpose: on Node it *is* one, so a read is one getStore(). */
export interface Store {
  getStore(): Scope | undefined;
  run<R>(scope: Scope | undefined, fn: (...args: any[]) => R, ...args: any[]): R;
}

/** How proxies and resources read one context's frame (proxy.ts and resource.ts read through this). */
export interface Slot {
  /** The frame bound in the current execution, or undefined outside any run(). */
  getStore(): Frame | undefined;
}

/** Runs fn with thisArg and args inside the contexts captured when the runner was made. */
export type SnapshotRunner = (fn: (...args: any[]) => unknown, thisArg: unknown, args: unknown[]) => unknown;

export interface Backend {
  readonly kind: "async-local-storage" | "async-context" | "sync-stack";
  /** The process's one store for this kind of backend. */
  readonly store: Store;
  snapshot(): SnapshotRunner;
}
