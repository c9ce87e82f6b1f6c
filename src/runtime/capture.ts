// captureContext(fn): the marker the Babel plugin compiles away. When the plugin did not run, this fallback keeps the
// code correct: fn runs inside a snapshot of every context taken when captureContext() was called.
import type { Backend, SnapshotRunner } from "./backend.js";
import {
  badOptionMessage,
  badWarningsMessage,
  captureNotFunctionMessage,
  configureNotObjectMessage,
  leftToRuntimeMessage,
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
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw typeError(configureNotObjectMessage(options));
  }
  for (const key of Object.keys(options)) {
    if (key !== "warnings") throw typeError(badOptionMessage(key));
  }
  const { warnings } = options;
  if (warnings !== undefined && typeof warnings !== "boolean") throw typeError(badWarningsMessage(warnings));
  if (warnings !== undefined) state.warnings = warnings;
}

/** Once per process for each kind: the plugin did not run (R010), or it ran and left this call to the runtime (R027). */
function warnOnce(leftByPlugin: boolean): void {
  const flag = leftByPlugin ? "warnedLeftToRuntime" : "warned";
  if (state[flag] || !state.warnings) return;
  state[flag] = true;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env !== undefined && env.UNPROXY_NO_WARN && env.UNPROXY_NO_WARN !== "0") return;
  console.warn((leftByPlugin ? leftToRuntimeMessage() : pluginMissingMessage()).message);
}

/**
 * Builds the entry's captureContext. Uncompiled, the result is a Proxy of fn with apply and construct traps, so
 * everything else about fn stays as it was: own properties, a class's statics (read and written through), name,
 * length, prototype, and `new captured() instanceof captured`.
 */
export function captureFactory(
  backend: Backend,
  leftByPlugin = false,
): <F extends (...args: any[]) => any>(fn: F) => F {
  return function captureContext<F extends (...args: any[]) => any>(fn: F): F {
    if (typeof fn !== "function") throw typeError(captureNotFunctionMessage(fn));
    warnOnce(leftByPlugin);
    const run = backend.snapshot();
    const captured: F = new Proxy(fn, {
      apply: (target, thisArg, args) => stepsInSnapshot(run(target, thisArg, args), run),
      construct: (target, args, newTarget) =>
        run(Reflect.construct, undefined, [target, args, newTarget === captured ? target : newTarget]) as object,
    });
    return captured;
  };
}

const toStringTag = Object.prototype.toString;
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A generator object, native or compiled by Babel. Natives (and regenerator's sync generators) carry the tag
 * "Generator" / "AsyncGenerator"; Babel's async-generator helpers (_wrapAsyncGenerator, regenerator's async
 * iterator) have an own `_invoke`, which runs every step. Anything else that merely looks iterable (a database cursor,
 * a hand-written iterator) is the caller's object and must come back untouched.
 */
function isGeneratorObject(value: object): boolean {
  const tag = toStringTag.call(value);
  if (tag === "[object Generator]" || tag === "[object AsyncGenerator]") return true;
  return hasOwn.call(value, "_invoke") && typeof (value as { _invoke?: unknown })._invoke === "function";
}

/**
 * A generator's body runs in next(), after the call has returned, so each step must run in the snapshot too. A
 * generator object is nearly always fresh from this call, so a Proxy in its place changes nothing a caller can rely
 * on; the rare exception, a function returning a generator object it did not create, is in docs/runtime.md.
 */
function stepsInSnapshot(result: unknown, run: SnapshotRunner): unknown {
  if (typeof result !== "object" || result === null || !isGeneratorObject(result)) return result;
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
