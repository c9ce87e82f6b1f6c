// unproxy/babel: rewrites marked closures so the context proxies they read are resolved when they are created.
// This file wires the stages; each stage lives in its own module.
import type { NodePath, PluginObj, PluginPass, types as t } from "@babel/core";
import { declare } from "@babel/helper-plugin-utils";
import { withAudit } from "./audit.js";
import { classify, createdWhileModulesLoad } from "./classify.js";
import { freeVariables } from "./free-variables.js";
import { consume, markerCarriers, scan, throwRefusal, type Marked, type RefusalPolicy } from "./markers.js";
import { pluginError, reasons, type PluginError } from "./messages.js";
import { validateOptions, type Options, type ReportEntry } from "./options.js";
import { nameRefusal, unwrapCall, wrap } from "./rewrite.js";
import { lazyRuntimeImport } from "./runtime-import.js";

export type { Options, ReportEntry };

export default declare((api, rawOptions: Options): PluginObj<PluginPass> => {
  api.assertVersion("^7.22.0 || ^8.0.0-0");
  const options = validateOptions(rawOptions);
  const t = api.types;

  return withAudit(t, options, {
    name: "unproxy",
    visitor: {
      // All the work happens on Program enter, before other plugins' visitors rewrite classes, enums, async
      // functions or imports around the closures.
      Program(program, state) {
        if (!options.markAll && !mightHaveMarkers(state.file)) return;
        // markAll marks every function, so it skips what it cannot do (and reports it) instead of stopping.
        const refuse: RefusalPolicy = options.markAll ? (error, at) => reportRefusal(error, at, state) : throwRefusal;
        const { marked, evals, withs, leftToRuntime } = scan(program, options.runtime, options.markAll, refuse);
        // The runtime is told that the plugin saw these calls, so its warning says what happened (R027, not R010).
        const atRuntime = lazyRuntimeImport(t, program, options.runtime, "captureContextAtRuntime");
        for (const call of leftToRuntime) call.get("callee").replaceWith(atRuntime.reference());
        if (atRuntime.added && (marked.length === 0 || evals.length > 0)) program.scope.crawl();
        if (marked.length === 0) return;
        if (evals.length > 0) return refuse(pluginError(evals[0], "E004_EVAL"), evals[0]);

        const plans = [];
        for (const item of marked) {
          const within = withs.find((w) => w.isDescendant(item.fn) || item.fn.isDescendant(w));
          if (within) {
            refuse(pluginError(within, "E005_WITH"), item.fn);
            continue;
          }
          // Every closure is analysed before any is rewritten, so scope data is read from the untouched tree.
          const free = freeVariables(item.fn);
          plans.push({ item, free, loc: item.fn.node.loc?.start, result: classifyOrRefuse(item, free, refuse) });
        }

        const keep = options.unbound === "keep";
        const runtimeImport = lazyRuntimeImport(t, program, options.runtime, keep ? "unproxyIfBound" : "unproxy");
        const importReader = lazyRuntimeImport(t, program, options.runtime, "unproxyImport");
        // Innermost first: an outer closure's node stays where it is while the ones inside it are wrapped.
        for (const { item, free, result } of [...plans].reverse()) {
          if (!result) continue; // refused (markAll): the function and its marker stay as they were
          consume(item.comments, markerCarriers(item.fn));
          // An import read while modules load may still be uninitialised (import cycle): read it through a getter.
          const atLoad = createdWhileModulesLoad(item.fn);
          const argumentFor = (name: string): t.Expression =>
            atLoad && free.get(name)!.binding!.kind === "module"
              ? t.callExpression(importReader.reference(), [
                  t.arrowFunctionExpression([], t.identifier(name)),
                  ...(keep ? [t.booleanLiteral(true)] : []),
                ])
              : t.callExpression(runtimeImport.reference(), [t.identifier(name)]);
          const fn = unwrapCall(item);
          if (result.captured.length > 0) wrap(t, fn, result.captured, argumentFor, new Set(free.keys()));
        }
        if (options.onReport) for (const plan of plans) if (plan.result) report(plan, plan.result, state);
        // Registers the new import binding with its references, so TypeScript's import elision keeps it.
        if (runtimeImport.added || importReader.added || atRuntime.added || plans.some((plan) => plan.item.call)) {
          program.scope.crawl();
        }
      },
    },
  });

  function classifyOrRefuse(item: Marked, free: ReturnType<typeof freeVariables>, refuse: RefusalPolicy) {
    try {
      const result = classify(item.fn, free, item.names, options);
      const refusal = result.captured.length > 0 ? nameRefusal(item.fn, item.call) : undefined;
      if (refusal) throw refusal; // before anything is rewritten
      return result;
    } catch (error) {
      if (typeof (error as PluginError).code !== "string") throw error;
      refuse(error as PluginError, item.fn);
      return undefined;
    }
  }

  function reportRefusal(error: PluginError, at: NodePath, state: PluginPass) {
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

  function report(
    { item, loc: start }: { item: Marked; loc: { line: number; column: number } | undefined },
    result: ReturnType<typeof classify>,
    state: PluginPass,
  ) {
    options.onReport!({
      file: state.filename,
      line: start?.line,
      column: start === undefined ? undefined : start.column + 1,
      marker: item.marker,
      captured: result.captured,
      live: result.live.map(({ name, reason }) => ({ name, reason: reasons[reason] })),
    });
  }
});

// Most files in a project carry no marker: skip them before any traversal.
function mightHaveMarkers(file: { code?: string; ast: t.File }): boolean {
  if (typeof file.code === "string" && file.code !== "") {
    return file.code.includes("@unproxy") || file.code.includes("captureContext");
  }
  return true;
}

export type { NodePath };
