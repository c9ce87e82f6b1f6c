// Backend for engines that ship the TC39 AsyncContext proposal (globalThis.AsyncContext): one Variable for every
// context.
import type { Backend, Scope, Store } from "./backend.js";
import { state } from "./state.js";

interface Variable<T> {
  get(): T | undefined;
  run<R>(value: T, fn: (...args: any[]) => R, ...args: unknown[]): R;
}
interface Snapshot {
  run<R>(fn: (...args: any[]) => R, ...args: unknown[]): R;
}
/** The part of the proposal this backend uses. */
export interface AsyncContextNamespace {
  Variable: new <T>(options?: { name?: string }) => Variable<T>;
  Snapshot: new () => Snapshot;
}

/**
 * `shared: false` makes a store of its own (tests); otherwise every copy of the runtime using this namespace shares
 * one Variable.
 */
export function asyncContextBackend(ns: AsyncContextNamespace, shared = true): Backend {
  const fresh = (): Variable<Scope | undefined> => new ns.Variable<Scope | undefined>({ name: "unproxy" });
  let variable: Variable<Scope | undefined>;
  if (!shared) variable = fresh();
  else {
    const variables = (state.asyncContextVariables ??= new WeakMap());
    // Keyed by the Variable class: globalThis.AsyncContext read by two copies may be two objects, never two classes.
    variable = (variables.get(ns.Variable) as Variable<Scope | undefined> | undefined) ?? fresh();
    variables.set(ns.Variable, variable);
  }
  const store: Store = {
    getStore: () => variable.get(),
    run: (scope, fn, ...args) => variable.run(scope, fn, ...args),
  };
  return {
    kind: "async-context",
    store,
    snapshot() {
      const snapshot = new ns.Snapshot();
      return (fn, thisArg, args) => snapshot.run(Reflect.apply, fn, thisArg, args);
    },
  };
}

/** The engine's AsyncContext, when it has one. */
export function globalAsyncContext(): AsyncContextNamespace | undefined {
  const ns = (globalThis as { AsyncContext?: AsyncContextNamespace }).AsyncContext;
  return ns && typeof ns.Variable === "function" && typeof ns.Snapshot === "function" ? ns : undefined;
}
