// The deferring APIs: calls that keep a callback to run later, possibly in another execution's context. Shared by
// `unproxy check` (Babel) and the ESLint rule (ESTree), which each describe a callee the same way: the dotted path
// of a plain call (`setTimeout`, `process.nextTick`) or the method name of any other member call (`.on`).

/**
 * An entry is either a function path (`setTimeout`, `process.nextTick`: a call of exactly that name, also through
 * `globalThis.`, `window.`, `self.` or `global.`) or a method (`.on`: a call of that method on any object).
 */
export const DEFAULT_DEFERRING: readonly string[] = [
  // timers
  "setTimeout", "setInterval", "setImmediate", "queueMicrotask", "process.nextTick", "requestAnimationFrame",
  // listener registration
  ".on", ".once", ".addListener", ".prependListener", ".addEventListener",
  // thenables
  ".then", ".catch", ".finally",
  // queue-like (and pools: generic-pool 2's acquire(cb) runs cb in whichever request released the resource)
  ".push", ".enqueue", ".add", ".schedule", ".query", ".acquire",
];

/** The options `unproxy check` and the ESLint rule `require-capture` share. */
export interface CheckOptions {
  /** Replaces the default list of deferring APIs. @default DEFAULT_DEFERRING */
  deferring?: string[];
  /** Added to the list (the defaults, or `deferring`). @default [] */
  additionalDeferring?: string[];
  /** As the plugin's `capture`: "auto" flags any capturable name, "known" only proven proxies. @default "auto" */
  capture?: "auto" | "known";
  /** As the plugin's `knownProxies`, for capture: "known". @default [] */
  knownProxies?: { module: string; export: string }[];
  /** As the plugin's `runtime`: where captureContext and contextProxy come from. @default "unproxy" */
  runtime?: string;
}

export interface ResolvedCheckOptions {
  functions: Set<string>;
  methods: Set<string>;
  capture: "auto" | "known";
  knownProxies: { module: string; export: string }[];
  runtime: string;
}

const ENTRY = /^(?:\.[A-Za-z_$][\w$]*|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/;
const KEYS = ["deferring", "additionalDeferring", "capture", "knownProxies", "runtime"];

/** Checks the options; returns the problem as `.key must be …` (each caller words its own message around it). */
export function checkOptionsProblem(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "options must be an object";
  const options = raw as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key)) return `unknown option .${key} (known: ${KEYS.join(", ")})`;
  }
  for (const key of ["deferring", "additionalDeferring"]) {
    const list = options[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `.${key} must be an array of names`;
    const bad = list.find((entry) => typeof entry !== "string" || !ENTRY.test(entry));
    if (bad !== undefined) {
      return `.${key}: ${JSON.stringify(bad)} is not a name like "setTimeout", "process.nextTick" or ".on"`;
    }
  }
  if (options.capture !== undefined && options.capture !== "auto" && options.capture !== "known") {
    return '.capture must be "auto" or "known"';
  }
  const known = options.knownProxies;
  if (known !== undefined && !(Array.isArray(known) && known.every(
    (entry) => typeof entry?.module === "string" && typeof entry?.export === "string"))) {
    return ".knownProxies must be an array of { module, export } strings";
  }
  if (options.runtime !== undefined && (typeof options.runtime !== "string" || options.runtime === "")) {
    return ".runtime must be a non-empty module name";
  }
  return undefined;
}

/** Options already checked with checkOptionsProblem. */
export function resolveCheckOptions(options: CheckOptions = {}): ResolvedCheckOptions {
  const entries = [...(options.deferring ?? DEFAULT_DEFERRING), ...(options.additionalDeferring ?? [])];
  return {
    functions: new Set(entries.filter((entry) => !entry.startsWith("."))),
    methods: new Set(entries.filter((entry) => entry.startsWith(".")).map((entry) => entry.slice(1))),
    capture: options.capture ?? "auto",
    knownProxies: options.knownProxies ?? [],
    runtime: options.runtime ?? "unproxy",
  };
}

const GLOBAL_OBJECTS = new Set(["globalThis", "window", "self", "global"]);

/**
 * The deferring API a callee names, as the list spells it, or undefined. `path` is the callee as a dotted path of
 * identifiers (["process", "nextTick"]) when it is one, `method` the property name of a member callee.
 */
export function deferringApi(
  options: ResolvedCheckOptions,
  path: readonly string[] | undefined,
  method: string | undefined,
): string | undefined {
  if (path !== undefined) {
    const plain = GLOBAL_OBJECTS.has(path[0]!) && path.length > 1 ? path.slice(1) : path;
    const dotted = plain.join(".");
    if (options.functions.has(dotted)) return dotted;
  }
  if (method !== undefined && options.methods.has(method)) return `.${method}`;
  return undefined;
}

/** The text both tools insert to fix a finding. */
export const MARKER = "/* @unproxy */ ";
