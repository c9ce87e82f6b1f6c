// Plugin options: the interface users configure, and its validation, run once when Babel loads the plugin.
import { findSuggestion } from "@babel/helper-validator-option";
import { optionError } from "./messages.js";

export interface KnownProxy {
  /** Module specifier the proxy is imported from, exactly as written in `import … from "…"`. */
  module: string;
  /** Exported name of the proxy in that module. */
  export: string;
}

/** One marked closure, as given to `onReport`. */
export interface ReportEntry {
  file: string | undefined;
  line: number | undefined;
  column: number | undefined;
  /** How the closure was marked. */
  marker: "comment" | "call" | "all";
  /** Names resolved when the closure is created. */
  captured: string[];
  /** Names the closure reads from outside that stay live references, with the reason. */
  live: { name: string; reason: string }[];
  /** markAll only: the error the plugin would have thrown for this function, which it skipped instead. */
  refused?: { code: string; message: string };
}

export interface Options {
  /** Module the runtime is imported from; also where `captureContext` and `contextProxy` are recognised. @default "unproxy" */
  runtime?: string;
  /** Other specifiers that resolve to the runtime (aliases of module-resolver, tsconfig paths or a bundler): captureContext and contextProxy imported from them are recognised too. @default [] */
  runtimeAliases?: string[];
  /** "auto": capture every constant binding that could hold a proxy. "known": only bindings proven to be proxies. @default "auto" */
  capture?: "auto" | "known";
  /** With capture: "known", proxies imported from other modules. @default [] */
  knownProxies?: KnownProxy[];
  /** A proxy with no value when the closure is created: "throw" UnboundContextError, or "keep" the proxy. @default "throw" */
  unbound?: "throw" | "keep";
  /** Called once per marked closure with what was captured and what was left live. @default undefined */
  onReport?: (entry: ReportEntry) => void;
  /** Testing mode: every function expression and arrow is treated as marked; refusals are skipped (and given to onReport with `refused`). @default false */
  markAll?: boolean;
  /** Development mode: instrument unmarked closures that read a capturable name, to warn (UNPROXY_A001) at run time when one runs with another context value than it was created with. @default false */
  audit?: boolean;
}

export type ResolvedOptions = Required<Omit<Options, "onReport">> &
  Pick<Options, "onReport"> & {
    /** `runtime` followed by `runtimeAliases`: every specifier that names the runtime. */
    runtimes: readonly string[];
  };

const shape = {
  runtime: "",
  runtimeAliases: "",
  capture: "",
  knownProxies: "",
  unbound: "",
  onReport: "",
  markAll: "",
  audit: "",
};

function check(condition: boolean, key: string, expected: string): void {
  if (!condition) throw optionError("E012_OPTION_TYPE", key, expected);
}

export function validateOptions(raw: unknown): ResolvedOptions {
  const options = (raw ?? {}) as Record<string, unknown>;
  check(typeof options === "object" && !Array.isArray(options), "options", "an object");
  const names = Object.keys(shape);
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) throw optionError("E011_UNKNOWN_OPTION", key, findSuggestion(key, names));
  }
  const { runtime = "unproxy", capture = "auto", knownProxies = [], unbound = "throw", onReport, markAll = false } =
    options;
  check(typeof runtime === "string" && runtime !== "", "runtime", "a non-empty module name");
  const { runtimeAliases = [] } = options;
  check(
    Array.isArray(runtimeAliases) && runtimeAliases.every((alias) => typeof alias === "string" && alias !== ""),
    "runtimeAliases",
    "an array of non-empty module names",
  );
  check(capture === "auto" || capture === "known", "capture", '"auto" or "known"');
  check(
    Array.isArray(knownProxies) &&
      knownProxies.every(
        (entry) => typeof entry?.module === "string" && typeof entry?.export === "string",
      ),
    "knownProxies",
    "an array of { module, export } strings",
  );
  check(unbound === "throw" || unbound === "keep", "unbound", '"throw" or "keep"');
  check(onReport === undefined || typeof onReport === "function", "onReport", "a function");
  check(typeof markAll === "boolean", "markAll", "a boolean");
  check(options.audit === undefined || typeof options.audit === "boolean", "audit", "a boolean");
  return {
    runtime: runtime as string,
    runtimeAliases: runtimeAliases as string[],
    runtimes: [runtime as string, ...(runtimeAliases as string[])],
    capture: capture as ResolvedOptions["capture"],
    knownProxies: knownProxies as KnownProxy[],
    unbound: unbound as ResolvedOptions["unbound"],
    onReport: onReport as Options["onReport"],
    markAll: markAll as boolean,
    audit: (options.audit ?? false) as boolean,
  };
}
