// unproxy/babel: rewrites marked closures so the context proxies they read are resolved when they are created.
// This file wires the stages; each stage lives in its own module.
import type { NodePath, PluginObj, PluginPass, types as t } from "@babel/core";
import { declare } from "@babel/helper-plugin-utils";
import { withAudit } from "./audit.js";
import { classify, createdWhileModulesLoad, type InitialisationOrder } from "./classify.js";
import { freeVariables, type FreeName } from "./free-variables.js";
import { consume, markerCarriers, scan, throwRefusal, type Marked, type RefusalPolicy } from "./markers.js";
import { pluginError, reasons, type PluginError } from "./messages.js";
import { validateOptions, type Options, type ReportEntry, type ResolvedOptions } from "./options.js";
import { nameRefusal, unwrapCall, wrap } from "./rewrite.js";
import { checkForeignImports, foreignImports, type ForeignImport } from "./runtime-binding.js";
import { lazyRuntimeImport } from "./runtime-import.js";
import { forgetReferences, moveReferencesIntoWrappers } from "./scope-updates.js";
import { primeWrites } from "./writes.js";

export type { Options, ReportEntry };

type Types = typeof t;

export default declare((api, rawOptions: Options): PluginObj<PluginPass> => {
  api.assertVersion("^7.22.0 || ^8.0.0-0");
  const options = validateOptions(rawOptions);
  const t = api.types;
  const importsToCheck = new WeakMap<t.File, ForeignImport[]>();

  return withAudit(t, options, {
    name: "unproxy",
    // All the work happens in pre(), which Babel runs for every plugin before any plugin's visitor, whatever the order
    // of the config: coverage instrumentation (istanbul wraps expressions in counter sequences), react-refresh, class
    // and enum transforms and module-resolver have not touched the closures or the imports yet.
    pre(file) {
      const program = file.path as NodePath<t.Program>;
      if (!options.markAll && !mightHaveMarkers(file)) return;
      importsToCheck.set(file.ast, foreignImports(program, options));
      compile(t, program, this, options);
    },
    visitor: {},
    // An import another plugin (module-resolver) rewrote to the runtime was not recognised in pre(): say so.
    post(file) {
      const imports = importsToCheck.get(file.ast);
      if (imports) checkForeignImports(file, imports, options);
    },
  });
});

interface Plan {
  item: Marked;
  free: Map<string, FreeName>;
  loc: { line: number; column: number } | undefined;
  result: ReturnType<typeof classify> | undefined;
}

function compile(t: Types, program: NodePath<t.Program>, state: PluginPass, options: ResolvedOptions): void {
  // markAll marks every function, so it skips what it cannot do (and reports it) instead of stopping.
  const refuse: RefusalPolicy = options.markAll ? (error, at) => reportRefusal(error, at, state, options) : throwRefusal;
  const { marked, evals, withs, leftToRuntime } = scan(program, options.runtimes, options.markAll, refuse);
  // The runtime is told that the plugin saw these calls, so its warning says what happened (R027, not R010).
  const atRuntime = lazyRuntimeImport(t, program, options.runtime, "captureContextAtRuntime");
  for (const call of leftToRuntime) {
    forgetReferences(call.get("callee"));
    call.get("callee").replaceWith(atRuntime.reference());
    atRuntime.register(call.get("callee") as NodePath<t.Identifier>);
  }
  if (marked.length === 0) return;
  if (evals.length > 0) return refuse(pluginError(evals[0], "E004_EVAL"), evals[0]);
  primeWrites(t.traverseFast, program.node);

  // Every closure is analysed before any is rewritten, so scope data is read from the untouched tree.
  const order: InitialisationOrder = new Map();
  const plans: Plan[] = [];
  for (const item of marked) {
    const within = withs.find((w) => w.isDescendant(item.fn) || item.fn.isDescendant(w));
    if (within) {
      refuse(pluginError(within, "E005_WITH"), item.fn);
      continue;
    }
    const free = freeVariables(item.fn);
    plans.push({ item, free, loc: item.fn.node.loc?.start, result: classifyOrRefuse(item, free, refuse, options, order) });
  }

  const keep = options.unbound === "keep";
  const runtimeImport = lazyRuntimeImport(t, program, options.runtime, keep ? "unproxyIfBound" : "unproxy");
  const importReader = lazyRuntimeImport(t, program, options.runtime, "unproxyImport");
  // Scope data stays current without re-crawling the program: the closures' reads of captured names move to the
  // wrappers' parameters, the removed captureContext() callees stop counting as references.
  const readsOuter = moveReferencesIntoWrappers(plans.flatMap(({ item, free, result }) =>
    result ? result.captured.map((name) => ({ closure: item.fn, binding: free.get(name)!.binding! })) : []));
  for (const { item, result } of plans) if (result && item.call) forgetReferences(item.call.get("callee"));
  // Innermost first: an outer closure's node stays where it is while the ones inside it are wrapped.
  for (const { item, free, result } of [...plans].reverse()) {
    if (!result) continue; // refused (markAll): the function and its marker stay as they were
    consume(item.comments, markerCarriers(item.fn));
    // An import read while modules load may still be uninitialised (import cycle): read it through a getter.
    const atLoad = createdWhileModulesLoad(item.fn);
    const readerFor = (name: string) => (atLoad && free.get(name)!.binding!.kind === "module" ? importReader : runtimeImport);
    const argumentFor = (name: string): t.Expression =>
      readerFor(name) === importReader
        ? t.callExpression(importReader.reference(), [
            t.arrowFunctionExpression([], t.identifier(name)),
            ...(keep ? [t.booleanLiteral(true)] : []),
          ])
        : t.callExpression(runtimeImport.reference(), [t.identifier(name)]);
    const closure = item.fn.node;
    const fn = unwrapCall(item);
    if (result.captured.length === 0) continue;
    const call = wrap(t, fn, result.captured, argumentFor, new Set(free.keys()));
    // The new reads: the runtime helper and each captured name, now an argument of the wrapper call.
    for (const [index, argument] of (call.get("arguments") as NodePath<t.CallExpression>[]).entries()) {
      const name = result.captured[index];
      readerFor(name).register(argument.get("callee") as NodePath<t.Identifier>);
      const value = argument.get("arguments.0") as NodePath;
      const read = (value.isArrowFunctionExpression() ? value.get("body") : value) as NodePath<t.Identifier>;
      const binding = free.get(name)!.binding!;
      if (readsOuter(closure, binding)) binding.reference(read);
    }
  }
  if (options.onReport) for (const plan of plans) if (plan.result) report(plan, plan.result, state, options);
}

function classifyOrRefuse(item: Marked, free: Map<string, FreeName>, refuse: RefusalPolicy, options: ResolvedOptions,
  order: InitialisationOrder) {
  try {
    const result = classify(item.fn, free, item.names, options, order);
    const refusal = result.captured.length > 0 ? nameRefusal(item.fn, item.call) : undefined;
    if (refusal) throw refusal; // before anything is rewritten
    return result;
  } catch (error) {
    if (typeof (error as PluginError).code !== "string") throw error;
    refuse(error as PluginError, item.fn);
    return undefined;
  }
}

function reportRefusal(error: PluginError, at: NodePath, state: PluginPass, options: ResolvedOptions) {
  const start = at.node.loc?.start;
  options.onReport?.({
    file: state.filename,
    line: start?.line,
    column: start === undefined ? undefined : start.column + 1,
    marker: "all",
    captured: [],
    live: [],
    refused: { code: error.code, message: error.message.split("\n")[0] },
  });
}

function report({ item, loc: start }: Plan, result: ReturnType<typeof classify>, state: PluginPass, options: ResolvedOptions) {
  options.onReport!({
    file: state.filename,
    line: start?.line,
    column: start === undefined ? undefined : start.column + 1,
    marker: item.marker,
    captured: result.captured,
    live: result.live.map(({ name, reason }) => ({ name, reason: reasons[reason] })),
  });
}

// Most files in a project carry no marker: skip them before any traversal.
function mightHaveMarkers(file: { code?: string; ast: t.File }): boolean {
  if (typeof file.code === "string" && file.code !== "") {
    return file.code.includes("@unproxy") || file.code.includes("captureContext");
  }
  return true;
}

export type { NodePath };
