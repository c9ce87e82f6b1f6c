// The cross-copy protocol: a context proxy is a value registered, with the function that returns what it stands for
// right now, in the registry every copy of the runtime shares (state.ts: the ESM and CommonJS builds, or two versions
// in node_modules). Recognising one never reads a property of the value: anything not registered passes untouched.
// Our proxies also answer [Symbol.for("unproxy.current")]() through their get trap, for code that asks them directly.
import { ContextImpl } from "./context.js";
import { isUnboundError } from "./errors.js";
import { proxies } from "./state.js";

export const CURRENT: unique symbol = Symbol.for("unproxy.current") as any;
/**
 * Optional protocol argument: a registered function called with UNBOUND returns UNBOUND instead of throwing when
 * nothing is bound, so unproxyIfBound() need not build an Error for the common "not in a request" case. Ones that
 * ignore the argument and throw an error with code "UNPROXY_UNBOUND" are handled too.
 */
export const UNBOUND: unique symbol = Symbol.for("unproxy.unbound") as any;

/**
 * The object behind a context proxy right now; any other value unchanged and untouched: no property read, so a user's
 * own Proxy sees no trap and a revoked one does not throw. Throws UnboundContextError when unbound.
 */
export function unproxy<T>(value: T): T {
  // On the plugin's closure-creation path. Our proxies are functions (their target is one) found in the registry
  // every copy of the runtime shares; typeof reaches no trap, and WeakMap.get none either.
  if (typeof value === "function") {
    const current = proxies.get(value);
    if (current !== undefined) return current() as T;
  }
  return value;
}

/** Like unproxy(), but returns the proxy itself when nothing is bound (the plugin's `unbound: "keep"`). */
export function unproxyIfBound<T>(value: T): T {
  if (typeof value !== "function") return value;
  const current = proxies.get(value);
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

/** A capture site's memory of the proxy it saw last (unproxyAt). */
export interface UnproxySite {
  /** The last proxy seen here (the site itself until one is). */
  p: unknown;
  /** Its registered function. */
  r: (ifUnbound?: symbol) => unknown;
}

const notSeen = (): never => {
  throw new Error("unproxy: unreachable");
};

/** A new capture site, made once per captured binding by compiled code (at the top of the module). */
export function unproxySite(): UnproxySite {
  const site: UnproxySite = { p: undefined, r: notSeen };
  site.p = site; // compiled code never passes the site itself
  return site;
}

/** The registered function of value, remembered at the site; undefined for anything that is not a proxy. */
function registeredAt(site: UnproxySite, value: unknown): ((ifUnbound?: symbol) => unknown) | undefined {
  if (value === site.p) return site.r;
  if (typeof value !== "function") return undefined;
  const current = proxies.get(value);
  if (current !== undefined) {
    site.p = value;
    site.r = current;
  }
  return current;
}

/**
 * unproxy(value) at a capture site: a binding that holds the same proxy every time (an import, a module-level
 * constant) skips the registry lookup after the first time. Only proxies are remembered, never other values, so a
 * site keeps nothing alive that the program would not (a proxy lives as long as its module anyway).
 */
export function unproxyAt<T>(site: UnproxySite, value: T): T {
  const current = registeredAt(site, value);
  return current === undefined ? value : (current() as T);
}

/** unproxyIfBound(value) at a capture site, as unproxyAt(). */
export function unproxyIfBoundAt<T>(site: UnproxySite, value: T): T {
  const current = registeredAt(site, value);
  return current === undefined ? value : currentIfBound(value, current);
}

/** The object bound to one of this copy's contexts right now; undefined for anything that needs the general path. */
function boundObject(context: unknown): object | undefined {
  if (!ContextImpl.is(context)) return undefined;
  const value = context.current();
  return typeof value === "object" && value !== null ? value : undefined;
}

/**
 * unproxy(proxy) for a proxy the plugin has proven is `contextProxy(context)` (a const binding in the same file):
 * the context's value read directly — one store read, no registry lookup. Anything unusual (another copy's context,
 * a getter, unbound, a primitive or function value) takes unproxy(proxy), so the result and errors are the same.
 */
export function unproxyFrom<T>(context: unknown, proxy: T): T {
  const value = boundObject(context);
  return value === undefined ? unproxy(proxy) : (value as T);
}

/** unproxyIfBound(proxy) for a proxy proven to be `contextProxy(context)`, as unproxyFrom(). */
export function unproxyIfBoundFrom<T>(context: unknown, proxy: T): T {
  const value = boundObject(context);
  return value === undefined ? unproxyIfBound(proxy) : (value as T);
}

/** True for a context proxy of any copy of this runtime (registered in the shared registry); nothing else is read. */
export function isContextProxy(value: unknown): boolean {
  return typeof value === "function" && proxies.has(value);
}
