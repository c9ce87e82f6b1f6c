// The apply step: every edit the plugin makes, from the analysis and the closures validation accepted. Markers are
// consumed, captureContext() calls removed, closures wrapped, the runtime imported (lazily, once), Babel's scope
// data kept current, and, in audit mode, the closures left unmarked instrumented.
import type { NodePath, PluginPass, types as t } from "@babel/core";
import { instrument } from "./audit.js";
import { createdWhileModulesLoad } from "./classify.js";
import { markerCarriers, withoutMarkerTag } from "./markers.js";
import type { ResolvedOptions } from "./options.js";
import { unwrapCall, wrap } from "./rewrite.js";
import { lazyRuntimeImport } from "./runtime-import.js";
import { forgetReferences, moveReferencesIntoWrappers } from "./scope-updates.js";
import type { Analysis, Plan } from "./types.js";

type Types = typeof t;

export function apply(
  t: Types,
  program: NodePath<t.Program>,
  analysis: Analysis,
  plans: readonly Plan[],
  options: ResolvedOptions,
  state: PluginPass,
): void {
  // The runtime is told that the plugin saw these calls, so its warning says what happened (R027, not R010).
  const atRuntime = lazyRuntimeImport(t, program, options.runtime, "captureContextAtRuntime");
  for (const call of analysis.leftToRuntime) {
    forgetReferences(call.get("callee"));
    call.get("callee").replaceWith(atRuntime.reference());
    atRuntime.register(call.get("callee") as NodePath<t.Identifier>);
  }
  if (plans.length > 0) wrapAll(t, program, plans, options);
  // Audit mode instruments what is left unmarked, on the compiled tree; not where eval or `with` make names ambiguous.
  if (options.audit && !options.markAll && analysis.evals.length === 0 && analysis.withs.length === 0) {
    instrument(t, program, state, options, new Set(analysis.marked.map(({ fn }) => fn.node)));
  }
}

function wrapAll(t: Types, program: NodePath<t.Program>, plans: readonly Plan[], options: ResolvedOptions): void {
  const keep = options.unbound === "keep";
  const runtimeImport = lazyRuntimeImport(t, program, options.runtime, keep ? "unproxyIfBound" : "unproxy");
  const importReader = lazyRuntimeImport(t, program, options.runtime, "unproxyImport");
  // Scope data stays current without re-crawling the program: the closures' reads of captured names move to the
  // wrappers' parameters, the removed captureContext() callees stop counting as references.
  const readsOuter = moveReferencesIntoWrappers(plans.flatMap(({ item, free, captured }) =>
    captured.map((name) => ({ closure: item.fn, binding: free.get(name)!.binding! }))));
  for (const { item } of plans) if (item.call) forgetReferences(item.call.get("callee"));
  // Innermost first: an outer closure's node stays where it is while the ones inside it are wrapped.
  for (const { item, free, captured } of [...plans].reverse()) {
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
    if (captured.length === 0) continue;
    const call = wrap(t, fn, captured, argumentFor, new Set(free.keys()));
    // The new reads: the runtime helper and each captured name, now an argument of the wrapper call.
    for (const [index, argument] of (call.get("arguments") as NodePath<t.CallExpression>[]).entries()) {
      const name = captured[index];
      readerFor(name).register(argument.get("callee") as NodePath<t.Identifier>);
      const value = argument.get("arguments.0") as NodePath;
      const read = (value.isArrowFunctionExpression() ? value.get("body") : value) as NodePath<t.Identifier>;
      const binding = free.get(name)!.binding!;
      if (readsOuter(closure, binding)) binding.reference(read);
    }
  }
}

/**
 * Removes markers from the output. A comment that says nothing else is dropped from the node and ignored wherever else
 * it is attached; a doc comment keeps its other lines and loses only the tag's line.
 */
function consume(comments: t.Comment[], carriers: NodePath[]): void {
  for (const comment of comments) {
    const rest = withoutMarkerTag(comment.value);
    if (/[^\s*]/.test(rest)) comment.value = rest;
    else comment.ignore = true;
  }
  for (const carrier of carriers) {
    const node = carrier.node;
    if (node.leadingComments) node.leadingComments = node.leadingComments.filter((c) => !c.ignore);
  }
}
