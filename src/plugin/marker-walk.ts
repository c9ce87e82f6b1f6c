// The marker scan's one walk over the program's bare nodes. It picks the nodes the scan's checks (markers.ts) must
// look at with paths, in traversal order, and leaves out only nodes on which every check is certain to find nothing:
// a function on which no marker comment sits, nor on anything a marker for it may sit on; a call that is no direct
// `eval`, whose callee cannot name a runtime export, and that calls no arrow (as the plugin's own wrapper does). A path
// traversal of the whole program (a path, a context and a queue per node) cost more than the rest of the analysis.
import type { NodePath, types as t } from "@babel/core";
import { PathFinder, type Step, walkDescendants } from "./node-walk.js";
import type { Runtimes } from "./runtime-binding.js";
import { isTransparent, unwrapTransparentNode } from "./wrappers.js";
import { assignedIdentifiers } from "./writes.js";

type Types = typeof t;

/**
 * The paths to check, in the order a traversal would visit them. `isMarker` tells a marker comment; `visitNode` is
 * called on every node below the program (writes.ts collects its write suspects on the same walk).
 */
export function markerCandidates(
  t: Types,
  program: NodePath<t.Program>,
  runtime: Runtimes,
  markAll: boolean,
  isMarker: (comment: t.Comment) => boolean,
  visitNode: (node: t.Node) => void,
): NodePath[] {
  const scan: ScanInput = { t, program, runtime, markAll, isMarker };
  const late = new Set<string>();
  const found = walk(scan, visitNode, undefined, late);
  // A call through a name bound to the runtime later in the walk than the call (a `require` further down): walk
  // again knowing every such name. Imports come first, so this is rare.
  if (late.size === 0) return found.candidates;
  return walk(scan, () => {}, found.runtimeNames, undefined).candidates;
}

interface ScanInput {
  t: Types;
  program: NodePath<t.Program>;
  runtime: Runtimes;
  markAll: boolean;
  isMarker: (comment: t.Comment) => boolean;
}

function walk(
  { t, program, runtime, markAll, isMarker }: ScanInput,
  visitNode: (node: t.Node) => void,
  allRuntimeNames: ReadonlySet<string> | undefined,
  late: Set<string> | undefined,
): { candidates: NodePath[]; runtimeNames: Set<string> } {
  const candidates: NodePath[] = [];
  const paths = new PathFinder(program);
  const functionTypes = new Set(t.FLIPPED_ALIAS_KEYS.Function);
  // Local names that may hold the runtime's module or one of its exports: bound by an import of the runtime or by a
  // declarator initialised with `require(runtime)` or `require(runtime).x`, wherever in the file.
  const runtimeNames = new Set<string>();
  const carries = (node: t.Node | null | undefined): boolean =>
    node?.leadingComments?.some((comment) => isMarker(comment)) ?? false;
  const add = (steps: readonly Step[], depth: number) => void candidates.push(paths.pathAt(steps, depth));
  // A call whose callee is this name (or a member of it) is checked only if the name may hold the runtime.
  const addIfRuntime = (name: string, steps: readonly Step[], depth: number) => {
    if ((allRuntimeNames ?? runtimeNames).has(name)) add(steps, depth);
    else late?.add(name);
  };

  walkDescendants(t.VISITOR_KEYS, program.node, (node, steps, depth) => {
    visitNode(node);
    switch (node.type) {
      case "ImportDeclaration":
        if (isRuntime(node.source.value, runtime)) for (const specifier of node.specifiers) runtimeNames.add(specifier.local.name);
        return;
      case "VariableDeclarator":
        if (isRuntimeRequire(node.init) ||
            (node.init?.type === "MemberExpression" && isRuntimeRequire(node.init.object))) {
          for (const { name } of assignedIdentifiers(node.id)) runtimeNames.add(name);
        }
        return;
      case "WithStatement":
        add(steps, depth);
        return;
      case "CallExpression": {
        const callee = node.callee;
        if (callee.type === "Identifier" && callee.name === "eval") return add(steps, depth);
        // isRuntimeExport: a name (through `(0, name)` and type wrappers), or a member of a name or of require(…)
        const inner = unwrapSequenceNode(callee);
        if (inner.type === "Identifier") addIfRuntime(inner.name, steps, depth);
        else if (inner.type === "MemberExpression") {
          if (inner.object.type === "Identifier") addIfRuntime(inner.object.name, steps, depth);
          else if (inner.object.type === "CallExpression") add(steps, depth);
        } else if (unwrapTransparentNode(callee).type === "ArrowFunctionExpression" && node.arguments.length > 0) {
          add(steps, depth); // maybe the plugin's own wrapper `((a) => …)(_unproxy(a))`, for a second pass (ownOutput)
        }
        return;
      }
      default:
        if (!functionTypes.has(node.type)) return;
        if ((markAll && (node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression")) ||
            mayCarryMarker(node as t.Function, steps, depth, carries)) {
          add(steps, depth);
        }
    }
  });

  function isRuntimeRequire(node: t.Node | null | undefined): boolean {
    if (node?.type !== "CallExpression" || node.callee.type !== "Identifier" || node.callee.name !== "require") return false;
    const [source] = node.arguments;
    return node.arguments.length === 1 && source.type === "StringLiteral" && isRuntime(source.value, runtime);
  }

  if (late) for (const name of late) if (!runtimeNames.has(name)) late.delete(name);
  return { candidates, runtimeNames };
}

/**
 * Whether a marker comment sits on the function, its type parameters, the type wrappers around it or one of the three
 * nodes above them: everywhere markerCarriers (markers.ts) looks for one (declarator, declaration, export; property).
 */
function mayCarryMarker(fn: t.Function, steps: readonly Step[], depth: number,
  carries: (node: t.Node | null | undefined) => boolean): boolean {
  if (carries(fn) || carries(fn.typeParameters)) return true;
  let top = depth;
  while (top > 0 && steps[top].key === "expression" && isTransparent(steps[top - 1].node)) {
    top--;
    if (carries(steps[top].node)) return true;
  }
  for (let up = top - 1; up >= 0 && up >= top - 3; up--) if (carries(steps[up].node)) return true;
  return false;
}

/** unwrapSequence (runtime-binding.ts) on a bare node: the last expression of sequences, inside type wrappers. */
function unwrapSequenceNode(node: t.Node): t.Node {
  let current = node;
  for (;;) {
    if (current.type === "SequenceExpression") current = current.expressions[current.expressions.length - 1];
    else if (isTransparent(current)) current = current.expression;
    else return current;
  }
}

function isRuntime(source: string, runtime: Runtimes): boolean {
  return typeof runtime === "string" ? source === runtime : runtime.includes(source);
}
