// The cross-copy protocol: a context proxy is a value registered, with the function that returns what it stands for
// right now, in the registry every copy of the runtime shares (state.ts: the ESM and CommonJS builds, or two versions
// in node_modules). Recognising one never reads a property of the value: anything not registered passes untouched.
// Our proxies also answer [Symbol.for("unproxy.current")]() through their get trap, for code that asks them directly.
import type { Scope, Store } from "./backend.js";
import { ContextImpl, objectBoundIn } from "./context.js";
import { isUnboundError } from "./errors.js";
import { proxies } from "./state.js";

export const CURRENT: unique symbol = Symbol.for("unproxy.current") as any;
/**
 * Optional protocol argument: a registered function called with UNBOUND returns UNBOUND instead of throwing when
 * nothing is bound, so unproxyIfBound() need not build an Error for the common "not in a request" case. Ones that
 * ignore the argument and throw an error with code "UNPROXY_UNBOUND" are handled too.
 */
export const UNBOUND: unique symbol = Symbol.for("unproxy.unbound") as any;

type Registered = (ifUnbound?: symbol) => unknown;

/** This copy's proxies over one of its own contexts, and that context (the key of its entries in a scope list). */
export const contextKeys = new WeakMap<object, object>();

/**
 * The proxies recognised last, their registered functions and contexts (looked up when first needed): a program
 * that captures the same few proxies (the usual `request`, `session`) over and over skips the registry lookup. Exact,
 * because a proxy's registered function and context never change; the cost is a reference to four proxies at most.
 * Four entries in plain variables, not arrays: each is one load and one compare.
 */
class Recent {
  proxy: unknown = undefined;
  current: Registered = () => undefined;
  /** The context's key; undefined: not looked up yet; null: none (a getter's proxy, another copy's). */
  key: object | null | undefined = undefined;
}
const recent0 = new Recent();
const recent1 = new Recent();
const recent2 = new Recent();
const recent3 = new Recent();
let replace = 0;

/** The cache entry of a context proxy of any copy, undefined for any other value, which is not touched. */
function recent(value: unknown): Recent | undefined {
  // Our proxies are functions (their target is one); typeof reaches no trap, and WeakMap.get none either.
  if (typeof value !== "function") return undefined;
  if (recent0.proxy === value) return recent0;
  if (recent1.proxy === value) return recent1;
  if (recent2.proxy === value) return recent2;
  if (recent3.proxy === value) return recent3;
  const current = proxies.get(value);
  if (current === undefined) return undefined;
  const entry = replace === 0 ? recent0 : replace === 1 ? recent1 : replace === 2 ? recent2 : recent3;
  replace = (replace + 1) & 3;
  entry.proxy = value;
  entry.current = current;
  entry.key = undefined;
  return entry;
}

/** The registered function of a context proxy of any copy; undefined for any other value. */
function registered(value: unknown): Registered | undefined {
  return recent(value)?.current;
}

/**
 * The object behind a context proxy right now; any other value unchanged and untouched: no property read, so a user's
 * own Proxy sees no trap and a revoked one does not throw. Throws UnboundContextError when unbound.
 */
export function unproxy<T>(value: T): T {
  const current = registered(value);
  return current === undefined ? value : (current() as T);
}

/** Like unproxy(), but returns the proxy itself when nothing is bound (the plugin's `unbound: "keep"`). */
export function unproxyIfBound<T>(value: T): T {
  const current = registered(value);
  return current === undefined ? value : currentIfBound(value, current);
}

function currentIfBound<T>(value: T, current: (ifUnbound?: symbol) => unknown): T {
  try {
    const result = current(UNBOUND);
    return result === UNBOUND ? value : (result as T);
  } catch (error) {
    if (isUnboundError(error)) return value;
    throw error;
  }
}

/**
 * The object bound to `context` right now, when it is one of this copy's contexts; undefined for anything that needs
 * the general path (another copy's context, any other value, unbound, a primitive or function value). Compiled code
 * reads a context once this way for several proxies the plugin proved are `contextProxy(context)`:
 * `unproxyOr(a, _v = unproxyValueOf(ctx))`, then `unproxyOr(b, _v)`.
 */
export function unproxyValueOf(context: unknown): object | undefined {
  return ContextImpl.boundObject(context);
}

/**
 * unproxy(proxy) for a proxy the plugin has proven is `contextProxy(context)` (a const binding in the same file):
 * the context's value read directly — one store read, no registry lookup. Anything unusual (another copy's context,
 * a getter, unbound, a primitive or function value) takes unproxy(proxy), so the result and errors are the same. The
 * proxy comes first: compiled code reads it before the context, as `_unproxy(proxy)` did (a proxy not initialised yet,
 * in an import cycle, throws its own ReferenceError).
 */
export function unproxyFrom<T>(proxy: T, context: unknown): T {
  const value = ContextImpl.boundObject(context);
  return value === undefined ? unproxy(proxy) : (value as T);
}

/** unproxyIfBound(proxy) for a proxy proven to be `contextProxy(context)`, as unproxyFrom(). */
export function unproxyIfBoundFrom<T>(proxy: T, context: unknown): T {
  const value = ContextImpl.boundObject(context);
  return value === undefined ? unproxyIfBound(proxy) : (value as T);
}

/**
 * `value` (unproxyValueOf of the context `proxy` was proven to read) when there is one, else unproxy(proxy). The proxy
 * is an argument so that compiled code still reads it, as `_unproxy(proxy)` did.
 */
export function unproxyOr<T>(proxy: T, value: object | undefined): T {
  return value === undefined ? unproxy(proxy) : (value as T);
}

/** unproxyIfBound(proxy) unless `value` is defined, as unproxyOr(). */
export function unproxyIfBoundOr<T>(proxy: T, value: object | undefined): T {
  return value === undefined ? unproxyIfBound(proxy) : (value as T);
}

/**
 * The scope list of `store` now, read once for several captured names the plugin cannot tie to a context:
 * `_unproxyIn(_s = _unproxyScope(), a)`, then `_unproxyIn(_s, b)`. Each entry binds this function to its backend's
 * store (index.ts).
 */
export function scopeReader(store: Store): () => Scope | undefined {
  return function unproxyScope() {
    return store.getStore();
  };
}

/**
 * unproxy(value), for a value captured with others: a proxy over one of this copy's contexts is looked up in the scope
 * list read once for all of them; anything else (another copy's proxy, a getter's, unbound, a primitive or function
 * value, a context of another store, which never appears in that list) takes the proxy's own read, so the result and
 * errors are those of unproxy().
 */
export function unproxyIn<T>(scope: Scope | undefined, value: T): T {
  const entry = recent(value);
  if (entry === undefined) return value;
  const bound = boundIn(scope, entry);
  return bound === undefined ? (entry.current() as T) : (bound as T);
}

/** unproxyIfBound(value), for a value captured with others, as unproxyIn(). */
export function unproxyIfBoundIn<T>(scope: Scope | undefined, value: T): T {
  const entry = recent(value);
  if (entry === undefined) return value;
  const bound = boundIn(scope, entry);
  return bound === undefined ? currentIfBound(value, entry.current) : (bound as T);
}

function boundIn(scope: Scope | undefined, entry: Recent): object | undefined {
  let key = entry.key;
  if (key === undefined) key = entry.key = contextKeys.get(entry.proxy as object) ?? null;
  return key === null ? undefined : objectBoundIn(scope, key);
}

/** True for a context proxy of any copy of this runtime (registered in the shared registry); nothing else is read. */
export function isContextProxy(value: unknown): boolean {
  return typeof value === "function" && proxies.has(value);
}
