// Audit mode (`audit: true`): every UNMARKED function expression or arrow that reads a name the plugin would capture
// is instrumented so the runtime can tell, when it runs, whether a context it reads is bound to another value than
// when it was created (src/runtime/audit.ts). The closure stays the same function object:
//   f(() => request.id)
//   f(((_audit) => () => (_auditCall(_audit), request.id))(_auditCreate("src/a.ts:1:3", "request", () => [request])))
// The apply step runs it last, on what the plugin left: marked closures are skipped (they are fixed already), so are
// the plugin's own wrappers (no source position); files with a direct eval or a `with` are left alone.
import type { NodePath, PluginPass, types as t } from "@babel/core";
import { classify } from "./classify.js";
import { freeVariables } from "./free-variables.js";
import { inferredName, namedByRuntimeKey } from "./names.js";
import type { ResolvedOptions } from "./options.js";
import { lazyRuntimeImport } from "./runtime-import.js";
import type { ClosurePath } from "./types.js";

type Types = typeof t;

interface Plan {
  fn: ClosurePath;
  site: string;
  names: string[];
}

export function instrument(
  t: Types,
  program: NodePath<t.Program>,
  state: PluginPass,
  options: ResolvedOptions,
  marked: ReadonlySet<t.Node>,
): void {
  const plans: Plan[] = [];
  const file = displayName(state);
  program.traverse({
    "ArrowFunctionExpression|FunctionExpression"(path: NodePath) {
      const fn = path as ClosurePath;
      const start = fn.node.loc?.start;
      // A closure named by a run-time computed key would lose its name in the audit wrapper: audit mode only reports.
      if (marked.has(fn.node) || !start || namedByRuntimeKey(fn)) return;
      let captured: string[];
      try {
        captured = classify(fn, freeVariables(fn), null, options).captured;
      } catch {
        return; // nothing the plugin could capture: nothing to audit
      }
      // A name bound by one of the plugin's wrappers (no source position) holds a snapshot, not a proxy.
      captured = captured.filter((name) => fn.scope.getBinding(name)?.scope.block.loc);
      if (captured.length > 0) plans.push({ fn, site: `${file}:${start.line}:${start.column + 1}`, names: captured });
    },
  });
  if (plans.length === 0) return;

  const create = lazyRuntimeImport(t, program, options.runtime, "auditCreate");
  const call = lazyRuntimeImport(t, program, options.runtime, "auditCall");
  const snapshot = program.scope.generateUidIdentifier("audit");
  // Innermost first (the traversal is outer-first): an outer closure's node stays where it is while inner ones change.
  for (const { fn, site, names } of plans.reverse()) {
    const check = t.callExpression(call.reference(), [t.cloneNode(snapshot)]);
    const body = fn.node.body;
    if (t.isBlockStatement(body)) body.body.unshift(t.expressionStatement(check));
    else fn.node.body = t.sequenceExpression([check, body]);
    const read = t.arrowFunctionExpression([], t.arrayExpression(names.map((name) => t.identifier(name))));
    const recorded = t.callExpression(create.reference(), [t.stringLiteral(site), t.stringLiteral(names.join(", ")), read]);
    fn.replaceWith(t.callExpression(t.arrowFunctionExpression([t.cloneNode(snapshot)], named(t, fn)), [recorded]));
  }
  // Registers the imports with their references, so TypeScript's import elision keeps them.
  program.scope.crawl();
}

/** The closure where it will stand, keeping the name JavaScript gave it in place (`const cb = …` names it "cb"). */
function named(t: Types, fn: ClosurePath): t.Expression {
  const name = inferredName(fn);
  if (name === undefined) return fn.node;
  const key = t.isValidIdentifier(name) ? t.identifier(name) : t.stringLiteral(name);
  return t.memberExpression(t.objectExpression([t.objectProperty(key, fn.node)]), t.cloneNode(key), !t.isIdentifier(key));
}

function displayName(state: PluginPass): string {
  const filename = state.filename;
  if (!filename) return "<unknown>";
  // Relative to Babel's cwd when the file is under it; no node:path, so the plugin stays usable outside Node.
  const path = filename.replace(/\\/g, "/");
  const cwd = (state.cwd ?? "").replace(/\\/g, "/").replace(/\/$/, "");
  return cwd !== "" && path.startsWith(cwd + "/") ? path.slice(cwd.length + 1) : path;
}
