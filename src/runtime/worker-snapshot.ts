// Worker threads do not inherit contexts (xlocal: wrap the spawn). snapshotContexts() turns the bound *named*
// contexts into plain data for postMessage / workerData; runWithContexts() binds them again on the other side.
import {
  ambiguousNameMessage,
  badSnapshotMessage,
  describe,
  missingContextMessage,
  notCloneableMessage,
  snapshotNamesMessage,
  snapshotOptionMessage,
  snapshotOptionsMessage,
  snapshotRunOptionMessage,
  snapshotRunWithoutFunctionMessage,
  snapshotValuesMessage,
  typeError,
} from "./errors.js";
import { contextsNamed, state } from "./state.js";
import type { ContextLike } from "./state.js";

export interface ContextSnapshot {
  /** Marks the object as a snapshot; bumped if the format ever changes. */
  readonly unproxySnapshot: 1;
  /** Context name -> bound value. */
  readonly values: Record<string, unknown>;
}

export interface SnapshotOptions {
  /** Only these contexts. */
  only?: string[];
  /** Every bound context except these. */
  exclude?: string[];
}

function cloneError(value: unknown): string | undefined {
  const clone = (globalThis as { structuredClone?: (value: unknown) => unknown }).structuredClone;
  if (clone === undefined) return undefined;
  try {
    clone(value);
    return undefined;
  } catch (error) {
    // Not instanceof Error: DataCloneError is a DOMException, possibly from another realm.
    const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
    return typeof message === "string" ? `${String(name)}: ${message}` : describe(error);
  }
}

/** A list of names, checked: a bare string would be iterated by character, or matched by substring. */
function namesOption(options: SnapshotOptions, key: "only" | "exclude"): string[] | undefined {
  const names: unknown = options[key];
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || names.some((name) => typeof name !== "string")) {
    throw typeError(snapshotNamesMessage(key, names));
  }
  return names;
}

/** The values of every bound named context, checked to survive structured cloning. */
export function snapshotContexts(options: SnapshotOptions = {}): ContextSnapshot {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw typeError(snapshotOptionsMessage(options));
  }
  for (const key of Object.keys(options)) {
    if (key !== "only" && key !== "exclude") throw typeError(snapshotOptionMessage(key));
  }
  const only = namesOption(options, "only");
  const exclude = namesOption(options, "exclude");
  const values: Record<string, unknown> = {};
  for (const name of only ?? [...state.contexts.keys()]) {
    if (exclude?.includes(name)) continue;
    let found: unknown = undefined;
    for (const context of contextsNamed(name)) {
      const value = context.tryGet();
      if (value === undefined) continue;
      if (found !== undefined && found !== value) throw typeError(ambiguousNameMessage(name));
      found = value;
    }
    if (found === undefined) continue;
    const problem = cloneError(found);
    if (problem !== undefined) throw typeError(notCloneableMessage(name, problem));
    values[name] = found;
  }
  return { unproxySnapshot: 1, values };
}

/** Calls fn(...args) with every context named in the snapshot bound to its value (all contexts of that name). */
export function runWithContexts<R, A extends unknown[]>(
  snapshot: ContextSnapshot,
  fn: (...args: A) => R,
  ...args: A
): R;
export function runWithContexts<R, A extends unknown[]>(
  snapshot: ContextSnapshot,
  options: { ignoreMissing?: boolean },
  fn: (...args: A) => R,
  ...args: A
): R;
export function runWithContexts(snapshot: ContextSnapshot, ...rest: unknown[]): unknown {
  if (typeof snapshot !== "object" || snapshot === null || snapshot.unproxySnapshot !== 1) {
    throw typeError(badSnapshotMessage(snapshot));
  }
  const values: unknown = snapshot.values;
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    throw typeError(snapshotValuesMessage(values));
  }
  const options = typeof rest[0] === "object" && rest[0] !== null ? (rest.shift() as { ignoreMissing?: boolean }) : {};
  for (const key of Object.keys(options)) {
    if (key !== "ignoreMissing") throw typeError(snapshotRunOptionMessage(`the option ${describe(key)}`));
  }
  if (options.ignoreMissing !== undefined && typeof options.ignoreMissing !== "boolean") {
    throw typeError(snapshotRunOptionMessage(`ignoreMissing: ${describe(options.ignoreMissing)}`));
  }
  const fn = rest.shift();
  if (typeof fn !== "function") throw typeError(snapshotRunWithoutFunctionMessage(fn));
  const bindings: [ContextLike, unknown][] = [];
  for (const name of Object.keys(snapshot.values)) {
    const contexts = contextsNamed(name);
    if (contexts.length === 0 && !options.ignoreMissing) throw typeError(missingContextMessage(name));
    for (const context of contexts) bindings.push([context, snapshot.values[name]]);
  }
  // Nest one run() per context; the innermost calls fn.
  const step = (i: number): unknown => {
    if (i === bindings.length) return fn(...rest);
    const [context, value] = bindings[i]!;
    return context.run(value, step, i + 1);
  };
  return step(0);
}
