// The runtime's user-facing messages, one place, each with a code (docs/errors.md). Every text here is pinned by the
// tests in test/runtime; change both together. The format is the one every unproxy message uses: "[CODE] text",
// after a "where: " prefix when there is one (a file position, a CLI command), e.g. "[UNPROXY_R001] createContext…".

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

/** A catalogue entry: the code, and the text that starts with it. Errors take their `code` from here. */
export interface CodedMessage<C extends string = string> {
  readonly code: C;
  readonly message: string;
}

function text<C extends string>(code: C, body: string): CodedMessage<C> {
  return { code, message: `[${code}] ${body}` };
}

// One exported function per message (named *Message) so bundlers keep only the ones an import needs.

export const unboundMessage = (name: string) =>
  text(
    "UNPROXY_UNBOUND",
    `context "${name}" has no value here. Read it inside its run(value, fn), or capture it where the callback is ` +
      `created: captureContext(fn) or the unproxy Babel plugin.`,
  );
export const badNameMessage = (name: unknown) =>
  text("UNPROXY_R001", `createContext(name) needs a non-empty string, got ${describe(name)}.`);
export const runWithoutFunctionMessage = (name: string, fn: unknown) =>
  text("UNPROXY_R002", `run(value, fn) of context "${name}" needs a function, got ${describe(fn)}.`);
export const badSourceMessage = (source: unknown) =>
  text("UNPROXY_R003", `contextProxy(source) needs a context or a getter function, got ${describe(source)}.`);
export const primitiveMessage = (name: string, value: unknown) =>
  text(
    "UNPROXY_R004",
    `context proxy "${name}" stands for an object or a function, but its value is ${describe(value)}; ` +
      `read primitives with the context's get().`,
  );
export const notCallableMessage = (name: string, value: unknown) =>
  text("UNPROXY_R005", `context proxy "${name}" was called, but its value is ${describe(value)}, not a function.`);
export const preventExtensionsMessage = (name: string) =>
  text(
    "UNPROXY_R006",
    `Object.preventExtensions/seal/freeze cannot go through context proxy "${name}" (a Proxy invariant); ` +
      `call it on unproxy(${name}).`,
  );
export const notExtensibleMessage = (name: string) =>
  text(
    "UNPROXY_R007",
    `context proxy "${name}" cannot report a non-extensible (frozen, sealed) value (a Proxy invariant); ` +
      `call Object.isExtensible/isFrozen/isSealed on unproxy(${name}).`,
  );
export const nonConfigurableMessage = (name: string, key: PropertyKey) =>
  text(
    "UNPROXY_R008",
    `cannot define the non-configurable property ${describe(String(key))} through context proxy "${name}" ` +
      `(a Proxy invariant); define it on unproxy(${name}).`,
  );
export const captureNotFunctionMessage = (fn: unknown) =>
  text("UNPROXY_R009", `captureContext(fn) needs a function, got ${describe(fn)}.`);
export const pluginMissingMessage = () =>
  text(
    "UNPROXY_R010",
    `captureContext() ran without the unproxy Babel plugin and fell back to a runtime snapshot of all contexts. ` +
      `Add "unproxy/babel" to your Babel plugins; silence this with configure({ warnings: false }) or UNPROXY_NO_WARN=1.`,
  );
export const leftToRuntimeMessage = () =>
  text(
    "UNPROXY_R027",
    `captureContext(fn) was given a function defined elsewhere, which the unproxy Babel plugin cannot see into, so ` +
      `the plugin left the call to the runtime: fn runs in a snapshot of all contexts taken when captureContext() ` +
      `was called. To capture at compile time, pass the function inline (captureContext(() => …)) or mark it where ` +
      `it is defined (/* @unproxy */); silence this with configure({ warnings: false }) or UNPROXY_NO_WARN=1.`,
  );
export const notCloneableMessage = (name: string, reason: string) =>
  text(
    "UNPROXY_R011",
    `context "${name}" cannot be sent to another thread, its value is not structured-cloneable (${reason}). ` +
      `Bind plain data, or leave it out with ` +
      `snapshotContexts({ exclude: ["${name}"] }).`,
  );
export const ambiguousNameMessage = (name: string) =>
  text("UNPROXY_R012", `two contexts named "${name}" are bound to different values; give each a unique name.`);
export const missingContextMessage = (name: string) =>
  text(
    "UNPROXY_R013",
    `the snapshot binds context "${name}", which this thread has not created; import its module first, ` +
      `or pass { ignoreMissing: true }.`,
  );
export const badSnapshotMessage = (snapshot: unknown) =>
  text("UNPROXY_R014", `runWithContexts(snapshot, fn) needs a snapshot from snapshotContexts(), got ${describe(snapshot)}.`);
export const badResourceMessage = (what: string, value: unknown) =>
  text("UNPROXY_R015", `createResource(context, factory) needs ${what}, got ${describe(value)}.`);
export const badOptionMessage = (key: string) =>
  text("UNPROXY_R016", `configure() has no option ${describe(key)}; did you mean "warnings"?`);
export const badWarningsMessage = (value: unknown) =>
  text("UNPROXY_R018", `configure({ warnings }) needs true or false, got ${describe(value)}.`);
export const snapshotRunWithoutFunctionMessage = (fn: unknown) =>
  text("UNPROXY_R017", `runWithContexts(snapshot, fn) needs a function, got ${describe(fn)}.`);
export const configureNotObjectMessage = (options: unknown) =>
  text("UNPROXY_R019", `configure(options) needs an object such as { warnings: false }, got ${describe(options)}.`);
export const snapshotOptionsMessage = (options: unknown) =>
  text(
    "UNPROXY_R020",
    `snapshotContexts(options) needs an object such as { exclude: ["session"] }, got ${describe(options)}.`,
  );
export const snapshotOptionMessage = (key: string) =>
  text("UNPROXY_R021", `snapshotContexts() has no option ${describe(key)}; the options are "only" and "exclude".`);
export const snapshotNamesMessage = (option: string, value: unknown) =>
  text(
    "UNPROXY_R022",
    `snapshotContexts({ ${option} }) needs an array of context names, got ` +
      `${Array.isArray(value) ? `an array holding ${describe(value.find((name) => typeof name !== "string"))}` : describe(value)}.`,
  );
export const reservedNameMessage = (name: string) =>
  text(
    "UNPROXY_R023",
    `createContext(name) cannot use ${describe(name)}: it is Object.prototype's accessor and would corrupt worker ` +
      `snapshots; choose another name.`,
  );
export const snapshotValuesMessage = (values: unknown) =>
  text(
    "UNPROXY_R024",
    `runWithContexts(snapshot, fn) needs snapshot.values to be an object of context names to values, got ` +
      `${describe(values)}.`,
  );
export const snapshotRunOptionMessage = (detail: string) =>
  text("UNPROXY_R025", `runWithContexts(snapshot, options, fn) takes { ignoreMissing: true | false }, got ${detail}.`);
export const proxyCycleMessage = (name: string, chain: string) =>
  text(
    "UNPROXY_R026",
    `context proxy "${name}" stands for itself (${chain}): its source must give the real value, ` +
      `not a proxy that leads back to it.`,
  );

/** Thrown when a context, a context proxy or a resource is read outside any run() of its context. */
export class UnboundContextError extends Error {
  readonly code = "UNPROXY_UNBOUND" as const;
  readonly contextName: string;

  constructor(contextName: string) {
    super(unboundMessage(contextName).message);
    this.name = "UnboundContextError";
    this.contextName = contextName;
  }
}

/** Cross-copy check: another copy of the runtime throws its own UnboundContextError class. */
export function isUnboundError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "UNPROXY_UNBOUND";
}

/** A TypeError with the entry's text, and its code as a property (`error.code === "UNPROXY_R002"`). */
export function typeError({ code, message }: CodedMessage): TypeError & { code: string } {
  const error = new TypeError(message) as TypeError & { code: string };
  error.code = code;
  return error;
}

function located<C extends string>(where: string, code: C, body: string): CodedMessage<C> {
  return { code, message: `${where}: [${code}] ${body}` };
}

// Audit mode (the plugin's `audit: true`): emitted as a warning, not thrown.
export const AUDIT_WARNING_TYPE = "UnproxyAuditWarning";
export const auditLeakMessage = (site: string, names: string, name: string, unbound: boolean) =>
  located(
    site,
    "UNPROXY_A001",
    `a closure reading ${names} was created while ${name} was bound, and runs where ${name} is ` +
      `${unbound ? "unbound" : "bound to another value"}: it reads ${unbound ? "nothing" : "another execution's data"} ` +
      `instead of what it was created with. Mark it: /* @unproxy */ before the function, or captureContext(fn).`,
  );
