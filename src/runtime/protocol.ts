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
 * The proxy unproxy() recognised last and its registered function: a program that captures one proxy (the usual
 * `request`) over and over skips the registry lookup. Exact, because a proxy's registered function never changes;
 * the cost is one strong reference to one proxy, until another proxy is unproxied.
 */
let lastProxy: unknown;
let lastCurrent: (ifUnbound?: symbol) => unknown = () => undefined;

/** The registered function of a context proxy of any copy; undefined for any other value, which is not touched. */
function registered(value: unknown): ((ifUnbound?: symbol) => unknown) | undefined {
  // Our proxies are functions (their target is one); typeof reaches no trap, and WeakMap.get none either.
  if (typeof value !== "function") return undefined;
  if (value === lastProxy) return lastCurrent;
  const current = proxies.get(value);
  if (current !== undefined) {
    lastProxy = value;
    lastCurrent = current;
  }
  return current;
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
 * `(_v = unproxyValueOf(ctx)) ?? unproxy(a)`, then `_v ?? unproxy(b)`.
 */
export function unproxyValueOf(context: unknown): object | undefined {
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
  const value = unproxyValueOf(context);
  return value === undefined ? unproxy(proxy) : (value as T);
}

/** unproxyIfBound(proxy) for a proxy proven to be `contextProxy(context)`, as unproxyFrom(). */
export function unproxyIfBoundFrom<T>(context: unknown, proxy: T): T {
  const value = unproxyValueOf(context);
  return value === undefined ? unproxyIfBound(proxy) : (value as T);
}

/** True for a context proxy of any copy of this runtime (registered in the shared registry); nothing else is read. */
export function isContextProxy(value: unknown): boolean {
  return typeof value === "function" && proxies.has(value);
}
