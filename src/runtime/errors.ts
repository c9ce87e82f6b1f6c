// The runtime's user-facing messages, one place, each with a code (README "Runtime errors" table).
// Every text here is pinned by test/runtime/errors.test.ts; change both together.

/** Describes a value for an error message without calling user code (no toString, no getters). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  const type = typeof value;
  if (type === "string") return JSON.stringify(value);
  if (type === "function") return "a function";
  if (type === "object") return Array.isArray(value) ? "an array" : "an object";
  if (type === "bigint") return String(value) + "n";
  if (type === "symbol") return "a symbol";
  return String(value);
}

function text(code: string, body: string): string {
  return `[unproxy] ${body} (${code})`;
}

export const messages = {
  unbound: (name: string) =>
    text(
      "UNPROXY_UNBOUND",
      `context "${name}" has no value in this execution. Read it inside run(value, fn) of its context, ` +
        `or resolve it where the callback is created: captureContext(fn) or the unproxy Babel plugin.`,
    ),
  badName: (name: unknown) =>
    text("UNPROXY_R001", `createContext(name) needs a non-empty string as its name, got ${describe(name)}.`),
  runWithoutFunction: (name: string, fn: unknown) =>
    text("UNPROXY_R002", `context "${name}": run(value, fn) needs a function as its second argument, got ${describe(fn)}.`),
  badSource: (source: unknown) =>
    text(
      "UNPROXY_R003",
      `contextProxy(source) needs a context from createContext() or a getter function, got ${describe(source)}.`,
    ),
  primitive: (name: string, value: unknown) =>
    text(
      "UNPROXY_R004",
      `context proxy "${name}" can only stand for an object or a function, but its current value is ${describe(value)}. ` +
        `Read primitives with the context's get() instead.`,
    ),
  notCallable: (name: string, value: unknown) =>
    text(
      "UNPROXY_R005",
      `context proxy "${name}" was called or used with new, but its current value is ${describe(value)}, not a function.`,
    ),
  preventExtensions: (name: string) =>
    text(
      "UNPROXY_R006",
      `Object.preventExtensions/seal/freeze cannot go through context proxy "${name}" (a Proxy invariant forbids a ` +
        `shared proxy to become non-extensible). Call it on unproxy(${name}) instead.`,
    ),
  notExtensible: (name: string) =>
    text(
      "UNPROXY_R007",
      `context proxy "${name}" cannot report its current value as non-extensible (frozen, sealed or preventExtensions) ` +
        `because of a Proxy invariant. Call Object.isExtensible/isFrozen/isSealed on unproxy(${name}) instead.`,
    ),
  nonConfigurable: (name: string, key: PropertyKey) =>
    text(
      "UNPROXY_R008",
      `cannot define the non-configurable property ${describe(typeof key === "symbol" ? key.toString() : key)} ` +
        `through context proxy "${name}" (a Proxy invariant forbids it). Define it on unproxy(${name}) instead.`,
    ),
  captureNotFunction: (fn: unknown) =>
    text("UNPROXY_R009", `captureContext(fn) needs a function, got ${describe(fn)}.`),
  pluginMissing: () =>
    text(
      "UNPROXY_R010",
      `captureContext() ran without the unproxy Babel plugin, so it fell back to a runtime snapshot of every context. ` +
        `Add "unproxy/babel" to your Babel plugins to resolve captured proxies when the closure is created; ` +
        `silence this warning with configure({ warnings: false }) or UNPROXY_NO_WARN=1.`,
    ),
  notCloneable: (name: string, reason: string) =>
    text(
      "UNPROXY_R011",
      `context "${name}" cannot be sent to another thread: its value is not structured-cloneable (${reason}). ` +
        `Bind plain data to it, or leave it out with snapshotContexts({ exclude: ["${name}"] }).`,
    ),
  ambiguousName: (name: string) =>
    text(
      "UNPROXY_R012",
      `two contexts named "${name}" are bound to different values, so a snapshot cannot tell them apart. ` +
        `Give each context a unique name.`,
    ),
  missingContext: (name: string) =>
    text(
      "UNPROXY_R013",
      `the snapshot binds context "${name}", but no context with that name exists in this thread yet. Import the ` +
        `module that creates it before runWithContexts(), or pass { ignoreMissing: true }.`,
    ),
  badSnapshot: (snapshot: unknown) =>
    text("UNPROXY_R014", `runWithContexts(snapshot, fn) needs a snapshot from snapshotContexts(), got ${describe(snapshot)}.`),
  snapshotRunWithoutFunction: (fn: unknown) =>
    text("UNPROXY_R017", `runWithContexts(snapshot, fn) needs a function, got ${describe(fn)}.`),
  badResource: (what: string, value: unknown) =>
    text("UNPROXY_R015", `createResource(context, factory) needs ${what}, got ${describe(value)}.`),
  badOption: (key: string) =>
    text("UNPROXY_R016", `configure() got the unknown option ${describe(key)}; the only option is "warnings" (boolean).`),
} as const;

/** Thrown when a context, a context proxy or a resource is read outside any run() of its context. */
export class UnboundContextError extends Error {
  readonly code = "UNPROXY_UNBOUND" as const;
  readonly contextName: string;

  constructor(contextName: string) {
    super(messages.unbound(contextName));
    this.name = "UnboundContextError";
    this.contextName = contextName;
  }
}

/** Cross-copy check: another copy of the runtime throws its own UnboundContextError class. */
export function isUnboundError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "UNPROXY_UNBOUND";
}

/** A TypeError carrying the catalogue code that ends its message, e.g. "... (UNPROXY_R002)". */
export function typeError(message: string): TypeError {
  const error = new TypeError(message) as TypeError & { code: string };
  error.code = message.slice(message.lastIndexOf("(") + 1, -1);
  return error;
}
