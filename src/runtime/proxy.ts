// contextProxy(): a Proxy that forwards every operation to the value its source holds in the current execution.
import type { Slot } from "./backend.js";
import { ContextImpl } from "./context.js";
import type { Context } from "./context.js";
import {
  badSourceMessage,
  nonConfigurableMessage,
  notCallableMessage,
  notExtensibleMessage,
  proxyCycleMessage,
  preventExtensionsMessage,
  primitiveMessage,
  typeError,
  UnboundContextError,
} from "./errors.js";
import { contextKeys, CURRENT, UNBOUND } from "./protocol.js";
import { proxies } from "./state.js";

export interface ContextProxyOptions {
  /** Used in error messages; defaults to the context's name, or the getter's name. */
  name?: string;
}

/** Anything with a name and a tryGet(): contexts of any runtime copy, resources. */
export interface ContextSource<T> {
  readonly name: string;
  tryGet(): T | undefined;
}

type Read = () => unknown;

interface MethodCache {
  cache: WeakMap<Function, Function>;
  traps: ProxyHandler<Function>;
  lastFn: Function | undefined;
  lastWrapped: Function | undefined;
}

const INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom") as any;

/** The getter-sourced handlers being read through another proxy right now, outermost first (cycle detection). */
const resolving: Handler[] = [];

/** Called only when the hot path fails, so the traps stay small. */
function invalid(name: string, value: unknown): Error {
  return value === undefined ? new UnboundContextError(name) : typeError(primitiveMessage(name, value));
}

/**
 * The get trap, the benchmarked path (`request.user.id`): no allocation, no closure, no try/catch, and the protocol
 * key is only compared on the cold branches (comparing it up front measured ~6% of a read).
 */
function getTrap(this: Handler, _target: unknown, key: PropertyKey, receiver: unknown): unknown {
  const value = this.read();
  if (typeof value === "object" ? value === null : typeof value !== "function") {
    if (key === CURRENT) return this.current;
    // Promise resolution probes `then` (`return request` from an async function, Promise.resolve(request)): an
    // unbound proxy is then just an object, not a rejection.
    if (key === "then" && value === undefined) return undefined;
    throw invalid(this.name, value);
  }
  const result = receiver === this.proxy ? (value as any)[key] : Reflect.get(value as object, key, receiver);
  // A value that is itself a context proxy answers CURRENT here, with its own method: wrapped below, it unwraps all
  // the way.
  if (typeof result === "function") return key === "constructor" ? result : this.method(result);
  // The target is a function (so apply/construct work), which JSON.stringify would skip: lend it a toJSON that
  // yields the real value. Also when the value's own toJSON is not a function (`{ toJSON: 5 }`): JSON.stringify
  // then serialises the value as it would have (skipping toJSON), where the 5 would have made it skip the proxy.
  if (key === "toJSON" || (result === undefined && key === CURRENT)) return this.current;
  return result;
}

/**
 * One per context proxy; `this` in every trap. Methods read through the proxy are wrapped once per (proxy, function)
 * so that `proxy.m === proxy.m` and `proxy.m()` runs with `this` = the real value: needed for internal slots (Map,
 * Date, Promise) and #private fields.
 */
class Handler implements ProxyHandler<any> {
  // An own property, and few of them: V8 looks the trap up on the handler at every proxy read, which measured
  // ~25% slower with all 13 traps as own properties or all on the prototype. The rare traps stay on the prototype.
  readonly get = getTrap;
  proxy: object = undefined as unknown as object;
  readonly current: (ifUnbound?: symbol) => unknown;
  /**
   * Method wrappers by function, the wrappers' handler, and the last (function, wrapper) pair: a loop calling one
   * method skips the WeakMap. Created on the first method read; kept off the handler's own properties (see `get`).
   */
  methods: MethodCache | undefined = undefined;
  /** Our own contexts: the slot is read directly, no call in between. */
  readonly slot: Slot | undefined;
  /** Any other source. */
  readonly source: Read;
  readonly name: string;

  constructor(slot: Slot | undefined, source: Read, name: string) {
    this.slot = slot;
    this.source = source;
    this.name = name;
    const handler = this;
    // The protocol method, and unproxy()'s path through the registry: one store read, and a value that is itself a
    // context proxy (of any copy) unwraps all the way.
    this.current = function current(ifUnbound?: symbol): unknown {
      const value = handler.read();
      if (typeof value === "function") {
        const inner = proxies.get(value);
        return inner === undefined ? value : inner(ifUnbound);
      }
      if (typeof value === "object" && value !== null) return value;
      if (value === undefined && ifUnbound === UNBOUND) return UNBOUND;
      throw invalid(handler.name, value);
    };
  }

  read(): unknown {
    const slot = this.slot;
    if (slot === undefined) return this.fromSource();
    const frame = slot.getStore();
    return frame === undefined ? undefined : frame.v;
  }

  /**
   * A getter or resource may hand back a context proxy (`contextProxy(() => otherProxy)`): read through it to the
   * real value, once. Forwarding to it instead would recurse without end when it leads back here.
   */
  fromSource(): unknown {
    const value = this.source();
    if (typeof value !== "function") return value;
    const inner = proxies.get(value);
    if (inner === undefined) return value;
    if (resolving.includes(this)) {
      const chain = resolving.slice(resolving.indexOf(this)).map((handler) => handler.name);
      throw typeError(proxyCycleMessage(this.name, [...chain, this.name].join(" → ")));
    }
    resolving.push(this);
    try {
      const current = inner(UNBOUND);
      return current === UNBOUND ? undefined : current;
    } finally {
      resolving.pop();
    }
  }

  resolve(): object {
    const value = this.read();
    if (typeof value === "object" ? value !== null : typeof value === "function") return value as object;
    throw invalid(this.name, value);
  }

  method(fn: Function): Function {
    let methods = this.methods;
    if (methods === undefined) {
      const handler = this;
      // `this` becomes the real value only when the method is called on the proxy itself; m.call(other) is left
      // alone. Wrapping (rather than bind) keeps the function's own properties and name visible.
      const traps: ProxyHandler<Function> = {
        apply: (fn, thisArg, args) => Reflect.apply(fn, thisArg === handler.proxy ? handler.resolve() : thisArg, args),
      };
      methods = this.methods = { cache: new WeakMap(), traps, lastFn: undefined, lastWrapped: undefined };
    }
    if (methods.lastFn === fn) return methods.lastWrapped!;
    let wrapped = methods.cache.get(fn);
    if (wrapped === undefined) {
      wrapped = new Proxy(fn, methods.traps);
      methods.cache.set(fn, wrapped);
    }
    methods.lastFn = fn;
    methods.lastWrapped = wrapped;
    return wrapped;
  }

  set(_target: unknown, key: PropertyKey, newValue: unknown, receiver: unknown): boolean {
    const value = this.resolve();
    return Reflect.set(value, key, newValue, receiver === this.proxy ? value : receiver);
  }

  has(_target: unknown, key: PropertyKey): boolean {
    return key === CURRENT || Reflect.has(this.resolve(), key);
  }

  deleteProperty(_target: unknown, key: PropertyKey): boolean {
    return Reflect.deleteProperty(this.resolve(), key);
  }

  defineProperty(_target: unknown, key: PropertyKey, descriptor: PropertyDescriptor): boolean {
    // The shared target cannot carry the property, and a Proxy may only report non-configurable properties its
    // target has: refuse before touching the real value rather than half-succeed.
    if (descriptor.configurable === false) throw typeError(nonConfigurableMessage(this.name, key));
    return Reflect.defineProperty(this.resolve(), key, descriptor);
  }

  getOwnPropertyDescriptor(_target: unknown, key: PropertyKey): PropertyDescriptor | undefined {
    const descriptor = Reflect.getOwnPropertyDescriptor(this.resolve(), key);
    // Reported as configurable (a Proxy invariant): Object.keys, spread and JSON.stringify of arrays or frozen
    // values would throw otherwise.
    if (descriptor !== undefined) descriptor.configurable = true;
    return descriptor;
  }

  ownKeys(): ArrayLike<string | symbol> {
    return Reflect.ownKeys(this.resolve());
  }

  getPrototypeOf(): object | null {
    return Reflect.getPrototypeOf(this.resolve());
  }

  setPrototypeOf(_target: unknown, prototype: object | null): boolean {
    return Reflect.setPrototypeOf(this.resolve(), prototype);
  }

  isExtensible(): boolean {
    if (Reflect.isExtensible(this.resolve())) return true;
    throw typeError(notExtensibleMessage(this.name));
  }

  preventExtensions(): boolean {
    throw typeError(preventExtensionsMessage(this.name));
  }

  apply(_target: unknown, thisArg: unknown, args: unknown[]): unknown {
    const value = this.resolve();
    if (typeof value !== "function") throw typeError(notCallableMessage(this.name, value));
    return Reflect.apply(value, thisArg, args);
  }

  construct(_target: unknown, args: unknown[], newTarget: Function): object {
    const value = this.resolve();
    if (typeof value !== "function") throw typeError(notCallableMessage(this.name, value));
    return Reflect.construct(value, args, newTarget === this.proxy ? value : newTarget);
  }

  /** util.inspect(proxy, { showProxy: true }) prints [target, handler]: show a name, not the internals. */
  [INSPECT](): string {
    return `[context proxy handler "${this.name}"]`;
  }
}

function readerFor<T>(source: Context<T> | ContextSource<T> | (() => T | undefined)): Read | undefined {
  if (typeof source === "function") return source;
  if (typeof source === "object" && source !== null && typeof source.tryGet === "function") {
    return () => source.tryGet();
  }
  return undefined;
}

/**
 * A stand-in for the value `source` holds in the current execution: every operation is forwarded to it.
 * `source` is a context (createContext), a resource (createResource) or any getter.
 */
export function contextProxy<T extends object>(
  source: Context<T> | ContextSource<T> | (() => T | undefined),
  options?: ContextProxyOptions,
): T {
  const read = readerFor(source);
  if (read === undefined) throw typeError(badSourceMessage(source));
  const name = options?.name || (source as { name?: string }).name || "anonymous";
  const handler = new Handler(source instanceof ContextImpl ? source.slot : undefined, read, name);
  // A bound function: callable and constructible (apply/construct traps fire) and, unlike a plain function, it has
  // no non-configurable own `prototype` that Proxy invariants would force on every value.
  const target = function () {}.bind(undefined) as unknown as Record<symbol, unknown>;
  // util.inspect (console.log) formats a proxy's *target*, not through traps; it honours this hook on the target.
  target[INSPECT] = (_depth: number, options: object, inspect?: (value: unknown, options: object) => string) => {
    const value = handler.read();
    if (value === undefined) return `[context proxy "${name}": unbound]`;
    return inspect ? inspect(value, options) : String(value);
  };
  const proxy = new Proxy(target, handler) as unknown as T;
  handler.proxy = proxy;
  proxies.set(proxy, handler.current);
  if (source instanceof ContextImpl) contextKeys.set(proxy, source);
  return proxy;
}
