// Per-execution resources (Zope's getTLS(): one connection per thread): created lazily on first use inside each run()
// of a context, reused within that run and every continuation it starts, never shared with another run.
import { ContextImpl } from "./context.js";
import type { Context } from "./context.js";
import { badResourceMessage, typeError, UnboundContextError } from "./errors.js";

export interface Resource<R> {
  /** For error messages: "<context>.resource" unless given. */
  readonly name: string;
  /** This run's instance, created on first call; throws UnboundContextError outside any run() of the context. */
  get(): R;
  /** This run's instance, or undefined outside any run(). Also creates it on first use. */
  tryGet(): R | undefined;
  /** This run's instance if it was created already, without creating it (e.g. to close it at the end). */
  peek(): R | undefined;
}

export function createResource<R, T = unknown>(
  context: Context<T>,
  factory: (value: T) => R,
  options?: { name?: string },
): Resource<R> {
  // Resources hang off the run's frame, which only contexts made by this copy of the runtime expose.
  if (!(context instanceof ContextImpl)) throw typeError(badResourceMessage("a context from createContext()", context));
  if (typeof factory !== "function") throw typeError(badResourceMessage("a factory function", factory));
  const slot = context.slot;
  const name = options?.name || `${context.name}.resource`;
  const key = {};

  function tryGet(): R | undefined {
    const frame = slot.getStore();
    if (frame === undefined || frame.v === undefined) return undefined;
    const resources = (frame.r ??= new Map());
    if (resources.has(key)) return resources.get(key) as R;
    const created = factory(frame.v as T);
    resources.set(key, created);
    return created;
  }

  return {
    name,
    tryGet,
    get() {
      const frame = slot.getStore();
      if (frame === undefined || frame.v === undefined) throw new UnboundContextError(context.name);
      return tryGet() as R;
    },
    peek() {
      const resources = slot.getStore()?.r;
      return resources?.get(key) as R | undefined;
    },
  };
}
