// The cross-copy protocol: a context proxy is any object with a [Symbol.for("unproxy.current")]() method that returns
// the value it stands for right now. Global-registry symbols, so that the ESM and CommonJS builds (or two versions in
// node_modules) recognise each other's proxies, and third-party objects can opt in.
import { isUnboundError } from "./errors.js";
import { proxies } from "./state.js";

export const CURRENT: unique symbol = Symbol.for("unproxy.current") as any;
/**
 * Optional protocol argument: `proxy[CURRENT](UNBOUND)` returns UNBOUND instead of throwing when nothing is bound,
 * so unproxyIfBound() need not build an Error for the common "not in a request" case. Implementations that ignore
 * the argument and throw an error with code "UNPROXY_UNBOUND" are handled too.
 */
export const UNBOUND: unique symbol = Symbol.for("unproxy.unbound") as any;

type Current = (this: unknown, ifUnbound?: symbol) => unknown;

/** The object behind a context proxy right now; any other value unchanged. Throws UnboundContextError when unbound. */
export function unproxy<T>(value: T): T {
  // This sits on the plugin's closure-creation path. Our proxies are functions (their target is), found in the
  // shared registry; anything else pays one null check and one property read.
  if (typeof value === "function") {
    const registered = proxies.get(value);
    if (registered !== undefined) return registered() as T;
  } else if (value == null) {
    return value;
  }
  const current = (value as { [CURRENT]?: Current })[CURRENT];
  return typeof current === "function" ? (current.call(value) as T) : value;
}

/** Like unproxy(), but returns the proxy itself when nothing is bound (the plugin's `unbound: "keep"`). */
export function unproxyIfBound<T>(value: T): T {
  if (value == null) return value;
  const current = (typeof value === "function" && proxies.get(value)) || (value as { [CURRENT]?: Current })[CURRENT];
  if (typeof current !== "function") return value;
  try {
    const result = current.call(value, UNBOUND);
    return result === UNBOUND ? value : (result as T);
  } catch (error) {
    if (isUnboundError(error)) return value;
    throw error;
  }
}

/** True for a context proxy of any copy of this runtime, or any object implementing the protocol. */
export function isContextProxy(value: unknown): boolean {
  if (typeof value === "function" && proxies.has(value)) return true; // the registry, as in unproxy()
  return (
    ((typeof value === "object" && value !== null) || typeof value === "function") &&
    typeof (value as { [CURRENT]?: unknown })[CURRENT] === "function"
  );
}
