// The apply step: every edit the plugin makes, from the analysis and the closures validation accepted. Markers are
// consumed, captureContext() calls removed, closures wrapped, the runtime imported (lazily, once), Babel's scope
// data kept current, and, in audit mode, the closures left unmarked instrumented.
import type { NodePath, PluginPass, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";
import { instrument } from "./audit.js";
import { createdWhileModulesLoad } from "./classify.js";
import { markerCarriers, withoutMarkerTag } from "./markers.js";
import type { ResolvedOptions } from "./options.js";
import { canShareRead, directReads, type DirectRead } from "./direct-read.js";
import { declareBefore, unwrapCall, wrap } from "./rewrite.js";
import { lazyRuntimeImport, type RuntimeImport } from "./runtime-import.js";
import { forgetReferences, moveReferencesIntoWrappers } from "./scope-updates.js";
import type { Analysis, ClosurePath, Plan } from "./types.js";

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
  if (plans.length > 0) wrapAll(t, program, plans, options, analysis.withs.length > 0);
  // Audit mode instruments what is left unmarked, on the compiled tree; not where eval or `with` make names ambiguous.
  if (options.audit && !options.markAll && analysis.evals.length === 0 && analysis.withs.length === 0) {
    instrument(t, program, state, options, new Set(analysis.marked.map(({ fn }) => fn.node)));
  }
}

function wrapAll(t: Types, program: NodePath<t.Program>, plans: readonly Plan[], options: ResolvedOptions,
  hasWith: boolean): void {
  const keep = options.unbound === "keep";
  const helpers: Helpers = {
    unproxy: lazyRuntimeImport(t, program, options.runtime, keep ? "unproxyIfBound" : "unproxy"),
    from: lazyRuntimeImport(t, program, options.runtime, keep ? "unproxyIfBoundFrom" : "unproxyFrom"),
    valueOf: lazyRuntimeImport(t, program, options.runtime, "unproxyValueOf"),
    or: lazyRuntimeImport(t, program, options.runtime, keep ? "unproxyIfBoundOr" : "unproxyOr"),
    within: lazyRuntimeImport(t, program, options.runtime, keep ? "unproxyIfBoundIn" : "unproxyIn"),
    scope: lazyRuntimeImport(t, program, options.runtime, "unproxyScope"),
    importReader: lazyRuntimeImport(t, program, options.runtime, "unproxyImport"),
  };
  // Scope data stays current without re-crawling the program: the closures' reads of captured names move to the
  // wrappers' parameters, the removed captureContext() callees stop counting as references.
  const readsOuter = moveReferencesIntoWrappers(plans.flatMap(({ item, free, captured }) =>
    captured.map((name) => ({ closure: item.fn, binding: free.get(name)!.binding! }))));
  // Decided before any edit, from the untouched tree. A proxy read inside another closure that captures it is that
  // wrapper's parameter (the value at the outer closure's creation), not the proxy: no direct read there.
  const direct = new Map(plans.map(({ item, free, captured }) => [item, directReads(item.fn, captured, free, options.runtimes, hasWith)
    .filter(({ name }) => readsOuter(item.fn.node, free.get(name)!.binding!))]));
  const shared = new Map(plans.map(({ item }) => [item, canShareRead(item.fn)]));
  for (const { item } of plans) if (item.call) forgetReferences(item.call.get("callee"));
  // Innermost first: an outer closure's node stays where it is while the ones inside it are wrapped.
  for (const { item, free, captured } of [...plans].reverse()) {
    consume(item.comments, markerCarriers(item.fn));
    const closure = item.fn.node;
    const fn = unwrapCall(item);
    if (captured.length === 0) continue;
    const pending: Pending = new Map();
    const args = captureArguments(t, fn, captured, free, direct.get(item)!, shared.get(item)!, keep, helpers, pending);
    const call = wrap(t, fn, captured, args.expressions, new Set(free.keys()));
    for (const id of args.variables) {
      const binding = declareBefore(t, call, t.cloneNode(id));
      pending.set(id.name, (path) => path.parentPath.isAssignmentExpression() ? binding?.reassign(path) : binding?.reference(path));
    }
    // The new reads: the runtime helpers, each captured name (now an argument of the wrapper call) and each context.
    for (const [index, argument] of (call.get("arguments") as NodePath<t.Expression>[]).entries()) {
      const name = captured[index];
      const binding = free.get(name)!.binding!;
      eachIdentifier(t, argument, (path) => {
        if (path.node.name === name) {
          if (readsOuter(closure, binding)) binding.reference(path);
        } else pending.get(path.node.name)?.(path);
      });
    }
  }
}

/** What each new identifier other than the captured name refers to, by name: a runtime helper, a context, a variable. */
type Pending = Map<string, (path: NodePath<t.Identifier>) => void>;

/** Calls `visit` on every identifier in a small generated expression (a wrapper's argument). */
function eachIdentifier(t: Types, path: NodePath, visit: (path: NodePath<t.Identifier>) => void): void {
  if (path.isIdentifier()) {
    visit(path);
    return;
  }
  for (const key of t.VISITOR_KEYS[path.node.type] ?? []) {
    const child = path.get(key) as NodePath | NodePath[];
    for (const inner of Array.isArray(child) ? child : [child]) if (inner.node) eachIdentifier(t, inner, visit);
  }
}

interface Helpers {
  unproxy: RuntimeImport;
  from: RuntimeImport;
  valueOf: RuntimeImport;
  or: RuntimeImport;
  within: RuntimeImport;
  scope: RuntimeImport;
  importReader: RuntimeImport;
}

/**
 * The wrapper's arguments, one per captured name: `_unproxy(x)`; `_unproxyImport(() => x)` for an import read while
 * modules load; `_unproxyFrom(p, C)` for a proxy proven to read C; and reads shared through a variable where its
 * statement cannot be re-entered in between (canShareRead): for several proxies of one C, `_unproxyOr(p1, _v =
 * _unproxyValueOf(C))` then `_unproxyOr(p2, _v)`; for several other module-level names, one read of the store,
 * `_unproxyIn(_s = _unproxyScope(), a)` then `_unproxyIn(_s, b)`. Every form reads the captured name first, as
 * `_unproxy(x)` did: one not initialised yet (an import cycle) throws the same ReferenceError. `pending` collects what
 * each new identifier refers to.
 */
function captureArguments(t: Types, fn: ClosurePath, captured: readonly string[], free: Plan["free"],
  direct: readonly DirectRead[], canShare: boolean, keep: boolean, helpers: Helpers,
  pending: Pending) {
  const call = (helper: RuntimeImport, args: t.Expression[]): t.CallExpression => {
    const callee = helper.reference();
    pending.set(callee.name, (path) => helper.register(path));
    return t.callExpression(callee, args);
  };
  const read = (name: string): t.Identifier => t.identifier(name); // registered by the caller
  const contextRead = (context: Binding): t.Identifier => {
    const id = t.identifier(context.identifier.name);
    pending.set(id.name, (path) => context.reference(path));
    return id;
  };
  const contextOf = new Map(direct.map(({ name, context }) => [name, context]));
  const sharesRead = (context: Binding) => canShare && direct.filter((read) => read.context === context).length > 1;
  const variables: t.Identifier[] = [];
  const variableOf = new Map<Binding, t.Identifier>();
  const atLoad = createdWhileModulesLoad(fn);
  const readsImport = (name: string) => atLoad && free.get(name)!.binding!.kind === "module";
  // Proxies live at module level (imported, or declared at the top): only such names share the store read, so a
  // closure over plain locals and parameters does not pay a read it does not need.
  const moduleLevel = (name: string) => free.get(name)!.binding!.scope.path.isProgram();
  const generic = captured.filter((name) => !contextOf.has(name) && !readsImport(name) && moduleLevel(name));
  let scope: t.Identifier | undefined;
  const expressions = captured.map((name): t.Expression => {
    const context = contextOf.get(name);
    if (context !== undefined) {
      if (!sharesRead(context)) return call(helpers.from, [read(name), contextRead(context)]);
      let variable = variableOf.get(context);
      if (variable === undefined) {
        variable = fn.scope.generateUidIdentifier(`${context.identifier.name}Value`);
        variableOf.set(context, variable);
        variables.push(variable);
        const assigned = t.assignmentExpression("=", t.cloneNode(variable), call(helpers.valueOf, [contextRead(context)]));
        return call(helpers.or, [read(name), assigned]);
      }
      return call(helpers.or, [read(name), t.cloneNode(variable)]);
    }
    if (readsImport(name)) {
      return call(helpers.importReader, [t.arrowFunctionExpression([], read(name)), ...(keep ? [t.booleanLiteral(true)] : [])]);
    }
    if (generic.length < 2 || !canShare || !generic.includes(name)) return call(helpers.unproxy, [read(name)]);
    if (scope === undefined) {
      scope = fn.scope.generateUidIdentifier("scope");
      variables.push(scope);
      return call(helpers.within, [t.assignmentExpression("=", t.cloneNode(scope), call(helpers.scope, [])), read(name)]);
    }
    return call(helpers.within, [t.cloneNode(scope), read(name)]);
  });
  return { expressions, variables };
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
