// Backend for engines that ship the TC39 AsyncContext proposal (globalThis.AsyncContext).
import type { Backend, Frame, Slot } from "./backend.js";

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

export function asyncContextBackend(ns: AsyncContextNamespace): Backend {
  return {
    kind: "async-context",
    slot(name): Slot {
      const variable = new ns.Variable<Frame>({ name });
      return {
        getStore: () => variable.get(),
        run: (frame, fn, ...args) => variable.run(frame, fn, ...args),
      };
    },
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
