// createContext(): a named value bound for the extent of run() and of every async continuation it starts
// (as far as the backend can follow them).
import type { Backend, Frame, Slot } from "./backend.js";
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

export class ContextImpl<T> implements Context<T> {
  readonly name: string;
  /** @internal */
  readonly slot: Slot;

  constructor(name: string, slot: Slot) {
    this.name = name;
    this.slot = slot;
  }

  run<R, A extends unknown[]>(value: T, fn: (...args: A) => R, ...args: A): R {
    if (typeof fn !== "function") throw typeError(runWithoutFunctionMessage(this.name, fn));
    // A context proxy bound as a value (`run(request, fn)`, "keep the current request") would stand for itself and
    // recurse on every read: bind the object it stands for now.
    const proxied = typeof value === "function" ? proxies.get(value) : undefined;
    const frame: Frame = { v: proxied === undefined ? value : proxied(), r: undefined };
    return this.slot.run(frame, fn as (...args: any[]) => R, ...args);
  }

  get(): T {
    const frame = this.slot.getStore();
    if (frame === undefined || frame.v === undefined) throw new UnboundContextError(this.name);
    return frame.v as T;
  }

  tryGet(): T | undefined {
    const frame = this.slot.getStore();
    return frame === undefined ? undefined : (frame.v as T | undefined);
  }
}

/** Builds the entry's createContext for one backend (each entry picks its backend; see index.ts). */
export function contextFactory(backend: Backend): <T>(name: string) => Context<T> {
  return function createContext<T>(name: string): Context<T> {
    if (typeof name !== "string" || name === "") throw typeError(badNameMessage(name));
    if (name === "__proto__") throw typeError(reservedNameMessage(name));
    const context = new ContextImpl<T>(name, backend.slot(name));
    register(context);
    return context;
  };
}
