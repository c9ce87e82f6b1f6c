// The refusal policy, in one place: what the plugin will not compile (a direct eval, a `with`, a listed name it cannot
// capture, a marker it cannot honour, a name the wrapper cannot keep), and what a refusal does: throw a coded error
// with a code frame, or, with markAll, skip the function and report it.
import type { NodePath, types as t } from "@babel/core";
import { describe } from "./markers.js";
import { pluginError, reasons, type PluginError } from "./messages.js";
import type { Analysis, Plan, Problem } from "./types.js";

/** What to do when a marker cannot be honoured: throw (the default), or skip the function and say so (markAll). */
export type RefusalPolicy = (error: PluginError, fn: NodePath) => void;

export const throwRefusal: RefusalPolicy = (error) => {
  throw error;
};

/** markAll marks every function, so it skips what it cannot do (and reports it) instead of stopping. */
export function refusalPolicy(markAll: boolean, report: RefusalPolicy): RefusalPolicy {
  return markAll ? report : throwRefusal;
}

function errorFor(problem: Problem): PluginError {
  const build = pluginError as (at: NodePath, key: Problem["key"], ...args: unknown[]) => PluginError;
  return build(problem.at, problem.key, ...problem.args);
}

/**
 * The closures to compile, in the analysis' order. Refusals go to `refuse` in source order: the markers first, then a
 * stray marker (E001, never skipped: it marks nothing markAll could skip), a direct eval (which refuses the whole file),
 * then each closure's own.
 */
export function validate(
  program: NodePath<t.Program>,
  analysis: Analysis,
  markAll: boolean,
  refuse: RefusalPolicy,
): Plan[] {
  for (const problem of analysis.problems) refuse(errorFor(problem), problem.fn);
  const { stray } = analysis;
  if (stray && !markAll) {
    if (stray.carrier) throw pluginError(stray.carrier, "E001_NOT_A_FUNCTION", describe(stray.carrier.node));
    throw pluginError(
      { path: program, loc: stray.loc },
      "E001_NOT_A_FUNCTION",
      "no code (a marker must come before the function it marks)",
    );
  }
  if (analysis.closures.length === 0) return [];
  const [evalCall] = analysis.evals;
  if (evalCall) {
    refuse(pluginError(evalCall, "E004_EVAL"), evalCall);
    return [];
  }

  const plans: Plan[] = [];
  for (const { item, free, classification, within, nameProblem, loc } of analysis.closures) {
    const [unfit] = classification.unfit;
    if (within) refuse(pluginError(within, "E005_WITH"), item.fn);
    else if (unfit) refuse(pluginError(item.fn, "E006_LISTED_NAME", unfit.name, reasons[unfit.reason]), item.fn);
    else if (nameProblem && classification.captured.length > 0) refuse(errorFor(nameProblem), item.fn);
    else plans.push({ item, free, captured: classification.captured, live: classification.live, loc });
  }
  return plans;
}
