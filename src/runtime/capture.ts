// captureContext(fn): the marker the Babel plugin compiles away. When the plugin did not run, this fallback keeps the
// code correct: fn runs inside a snapshot of every context taken when captureContext() was called.
import type { Backend, SnapshotRunner } from "./backend.js";
import {
  badOptionMessage,
  badWarningsMessage,
  captureNotFunctionMessage,
  pluginMissingMessage,
  typeError,
} from "./errors.js";
import { state } from "./state.js";

export interface RuntimeOptions {
  /** Print the one-time "plugin not applied" warning (default true; UNPROXY_NO_WARN=1 also silences it). */
  warnings?: boolean;
}

/** Process-wide settings, shared by every copy of the runtime. */
export function configure(options: RuntimeOptions): void {
  for (const key of Object.keys(options)) {
    if (key !== "warnings") throw typeError(badOptionMessage(key));
  }
  const { warnings } = options;
  if (warnings !== undefined && typeof warnings !== "boolean") throw typeError(badWarningsMessage(warnings));
  if (warnings !== undefined) state.warnings = warnings;
}

function warnOnce(): void {
  if (state.warned || !state.warnings) return;
  state.warned = true;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env !== undefined && env.UNPROXY_NO_WARN && env.UNPROXY_NO_WARN !== "0") return;
  console.warn(pluginMissingMessage());
}

export function captureFactory(backend: Backend): <F extends (...args: any[]) => any>(fn: F) => F {
  return function captureContext<F extends (...args: any[]) => any>(fn: F): F {
    if (typeof fn !== "function") throw typeError(captureNotFunctionMessage(fn));
    warnOnce();
    const run = backend.snapshot();
    const captured = function (this: unknown, ...args: unknown[]): unknown {
      if (new.target !== undefined) {
        return run(Reflect.construct, undefined, [fn, args, new.target === captured ? fn : new.target]);
      }
      return stepsInSnapshot(run(fn, this, args), run);
    };
    // Keep what callers may inspect (fn.name in logs, fn.length for arity-sniffing libraries), and fn's prototype so
    // that `new captured() instanceof captured` holds as it did for fn.
    Object.defineProperty(captured, "name", { value: fn.name, configurable: true });
    Object.defineProperty(captured, "length", { value: fn.length, configurable: true });
    Object.defineProperty(captured, "prototype", { value: fn.prototype, writable: true });
    return captured as unknown as F;
  };
}

/**
 * A generator's body runs in next(), after the call has returned, so each step must run in the snapshot too. Any
 * iterator the function returns is treated so: native and transpiled generators (regenerator, preset-env's async
 * generators) look alike only by shape. The proxy keeps everything else about the iterator as it was.
 */
function stepsInSnapshot(result: unknown, run: SnapshotRunner): unknown {
  if (
    typeof result !== "object" || result === null ||
    typeof (result as Iterator<unknown>).next !== "function" ||
    !(Symbol.iterator in result || Symbol.asyncIterator in result)
  ) {
    return result;
  }
  return new Proxy(result, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if ((key === "next" || key === "return" || key === "throw") && typeof value === "function") {
        return (argument?: unknown) => run(value, target, [argument]);
      }
      return value;
    },
  });
}
