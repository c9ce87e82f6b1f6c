// createContext(): a named value bound for the extent of run() and of every async continuation it starts
// (as far as the backend can follow them). Every context lives in the backend's one store (backend.ts says why).
import type { Backend, Frame, Scope, Slot, Store } from "./backend.js";
import { badNameMessage, reservedNameMessage, runWithoutFunctionMessage, typeError, UnboundContextError } from "./errors.js";
import { proxies, register } from "./state.js";

export interface Context<T> {
  readonly name: string;
  /** Calls fn(...args) with value bound; the outer value is restored when fn returns or throws. */
  run<R, A extends unknown[]>(value: T, fn: (...args: A) => R, ...args: A): R;
  /** The current value; throws UnboundContextError outside any run() (binding undefined counts as unbound). */
  get(): T;
  /** The current value, or undefined outside any run(). */
  tryGet(): T | undefined;
}

/** The entry for `key` in a scope list, or undefined. */
export function find(scope: Scope | undefined, key: object): Scope | undefined {
  while (scope !== undefined && scope.k !== key) scope = scope.n;
  return scope;
}

/** The object bound to `key` in a scope list; undefined when it is not there or bound to a primitive or function. */
export function objectBoundIn(scope: Scope | undefined, key: object): object | undefined {
  const value = find(scope, key)?.v;
  return typeof value === "object" && value !== null ? value : undefined;
}

/**
 * `outer` with `key` bound to `frame`, first. An earlier binding of `key` is dropped, so a chain of runs of the same
 * contexts (a job re-scheduling itself inside run(), recursion) neither grows the list nor keeps old values alive.
 */
export function bind(outer: Scope | undefined, key: object, frame: Frame): Scope {
  if (outer === undefined || outer.k === key) return { k: key, v: frame.v, f: frame, n: outer?.n };
  const rest = find(outer.n, key);
  if (rest === undefined) return { k: key, v: frame.v, f: frame, n: outer };
  // Copy the entries in front of the old binding (at most one per other bound context); frames are shared, so
  // resources keep their run's identity.
  const head: Scope[] = [];
  for (let s = outer; s !== rest; s = s.n!) head.push(s);
  let tail = rest.n;
  for (let i = head.length - 1; i >= 0; i--) tail = { k: head[i]!.k, v: head[i]!.v, f: head[i]!.f, n: tail };
  return { k: key, v: frame.v, f: frame, n: tail };
}

/** How proxies and resources read a context: one store read and a walk of the (short) scope list. */
class ContextSlot implements Slot {
  readonly store: Store;
  readonly key: object;

  constructor(store: Store, key: object) {
    this.store = store;
    this.key = key;
  }

  getStore(): Frame | undefined {
    let scope = this.store.getStore();
    while (scope !== undefined) {
      if (scope.k === this.key) return scope.f;
      scope = scope.n;
    }
    return undefined;
  }
}

export class ContextImpl<T> implements Context<T> {
  // A brand rather than instanceof for the hot checks: `#brand in x` is one map check, never a trap or a getter.
  readonly #brand = true;
  readonly name: string;
  /** @internal */
  readonly slot: ContextSlot;
  /** @internal The backend's one store (an own field: current() is on the closure-creation path). */
  readonly store: Store;

  constructor(name: string, store: Store) {
    this.name = name;
    this.store = store;
    this.slot = new ContextSlot(store, this);
  }

  run<R, A extends unknown[]>(value: T, fn: (...args: A) => R, ...args: A): R {
    if (typeof fn !== "function") throw typeError(runWithoutFunctionMessage(this.name, fn));
    // A context proxy bound as a value (`run(request, fn)`, "keep the current request") would stand for itself and
    // recurse on every read: bind the object it stands for now.
    const proxied = typeof value === "function" ? proxies.get(value) : undefined;
    const frame: Frame = { v: proxied === undefined ? value : proxied(), r: undefined };
    const store = this.store;
    return store.run(bind(store.getStore(), this, frame), fn as (...args: any[]) => R, ...args);
  }

  /**
   * @internal The object bound to `value` now when it is one of this copy's contexts, else undefined: compiled code's
   * direct read (unproxyValueOf): the brand check, one store read and the walk.
   */
  static boundObject(value: unknown): object | undefined {
    if (typeof value !== "object" || value === null || !(#brand in value)) return undefined;
    return objectBoundIn(value.store.getStore(), value);
  }

  /** @internal The current value, or undefined: one store read, no call in between (compiled code's direct read). */
  current(): unknown {
    return find(this.store.getStore(), this)?.v;
  }

  get(): T {
    const value = this.current();
    if (value === undefined) throw new UnboundContextError(this.name);
    return value as T;
  }

  tryGet(): T | undefined {
    return this.current() as T | undefined;
  }
}

/** Builds the entry's createContext for one backend (each entry picks its backend; see index.ts). */
export function contextFactory(backend: Backend): <T>(name: string) => Context<T> {
  return function createContext<T>(name: string): Context<T> {
    if (typeof name !== "string" || name === "") throw typeError(badNameMessage(name));
    if (name === "__proto__") throw typeError(reservedNameMessage(name));
    const context = new ContextImpl<T>(name, backend.store);
    register(context);
    return context;
  };
}
