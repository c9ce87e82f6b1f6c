// Process-wide state shared by every copy of the runtime (ESM and CommonJS builds, two versions in node_modules),
// kept under a Symbol.for key so that all copies find the same object. Its shape is part of the cross-copy contract:
// only ever add optional fields.
import type { Scope, Store } from "./backend.js";

/** The public shape of a context that other copies of the runtime may rely on. */
export interface ContextLike {
  readonly name: string;
  tryGet(): unknown;
  run<R>(value: any, fn: (...args: any[]) => R, ...args: any[]): R;
}

export interface SharedState {
  /** captureContext() has printed its warning (once per process, not once per copy). */
  warned: boolean;
  /** captureContextAtRuntime() has printed its warning. Optional: older copies do not set it. */
  warnedLeftToRuntime?: boolean;
  /** configure({ warnings }) */
  warnings: boolean;
  /** Every context by name, for worker snapshots. WeakRefs: a context created per request must not leak. */
  contexts: Map<string, WeakRef<ContextLike>[]>;
  /**
   * Every context proxy and its protocol method, so unproxy() recognises a proxy of any copy with one lookup instead
   * of a read through the proxy's get trap (which V8 makes slow, and which de-optimises the trap for other keys).
   * Optional: a state object made by an older copy lacks it until a newer copy adds it.
   */
  proxies?: WeakMap<object, (ifUnbound?: symbol) => unknown>;
  /**
   * The one store of each backend kind, shared by every copy (backend.ts says why one). Each holds a Scope list
   * (backend.ts) whose shape is therefore part of this contract. Optional, as above.
   */
  asyncLocalStorage?: Store;
  asyncContextVariables?: WeakMap<object, unknown>;
  syncStack?: { current: Scope | undefined };
  /** Registrations since the registry was last swept, and the count that triggers the next sweep (register()). */
  registrations?: number;
  sweepAt?: number;
}

const KEY = Symbol.for("unproxy.state");

export const state: SharedState = ((globalThis as Record<symbol, SharedState | undefined>)[KEY] ??= {
  warned: false,
  warnings: true,
  contexts: new Map(),
});

export const proxies = (state.proxies ??= new WeakMap());

const FIRST_SWEEP = 1024;

export function register(context: ContextLike): void {
  const list = state.contexts.get(context.name);
  if (list === undefined) state.contexts.set(context.name, [new WeakRef(context)]);
  else list.push(new WeakRef(context));
  // Contexts made per request or per test get collected, their WeakRefs (and names) would not: sweep whenever the
  // registrations have doubled since the last sweep, so the registry stays proportional to the live contexts at an
  // amortised O(1) per createContext().
  state.registrations = (state.registrations ?? 0) + 1;
  if (state.registrations >= (state.sweepAt ?? FIRST_SWEEP)) {
    let live = 0;
    for (const name of [...state.contexts.keys()]) live += contextsNamed(name).length;
    state.registrations = live;
    state.sweepAt = Math.max(FIRST_SWEEP, live * 2);
  }
}

/** The live contexts with that name; drops collected ones as it goes. */
export function contextsNamed(name: string): ContextLike[] {
  const list = state.contexts.get(name);
  if (list === undefined) return [];
  const live: ContextLike[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const context = list[i]!.deref();
    if (context === undefined) list.splice(i, 1);
    else live.unshift(context);
  }
  if (list.length === 0) state.contexts.delete(name);
  return live;
}
