// The names a closure reads or writes whose bindings lie outside it, resolved through Babel's scope data.
import type { NodePath, types as t } from "@babel/core";
import type { Binding, Scope, TraverseOptions } from "@babel/traverse";
import { PathFinder, type Step, walkDescendants } from "./node-walk.js";
import type { ClosurePath, FreeName } from "./types.js";
import { assignedIdentifiers } from "./writes.js";

type Types = typeof t;

// Type-level subtrees: identifiers in them are not runtime reads (annotations, `typeof x` in types, `as T`, generics).
// Node types differ between Babel 7 and 8, so they are matched by name rather than as visitor keys.
const TYPE_ONLY = new Set([
  "TSTypeAnnotation", "TSTypeParameterInstantiation", "TSTypeParameterDeclaration", "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration", "TSDeclareFunction", "TSEnumDeclaration", "TSModuleDeclaration",
  "TSExpressionWithTypeArguments", "TSClassImplements", "TSInterfaceHeritage", "TSImportEqualsDeclaration",
  "TSExportAssignment", "TSDeclareMethod", "TypeAnnotation", "TypeParameterDeclaration", "TypeParameterInstantiation",
  "TypeAlias", "OpaqueType", "InterfaceDeclaration", "DeclareVariable", "DeclareFunction", "DeclareClass",
  "DeclareModule",
]);

interface State {
  fn: ClosurePath;
  free: Map<string, FreeName>;
}

/**
 * The closure's free names, in the order of their first use. Given the running Babel's types (`api.types`), from a
 * walk over bare nodes (freeNamesFromNodes); without them, from a traversal of the closure's paths. Both give the
 * same answer (test/plugin/free-variables.test.ts compares them on every fixture).
 */
export function freeVariables(fn: ClosurePath, t?: Types): Map<string, FreeName> {
  if (t) return freeNamesFromNodes(fn, t);
  const state: State = { fn, free: new Map() };
  fn.traverse(collectFree as unknown as TraverseOptions<State>, state);
  return state.free;
}

function record(state: State, path: NodePath, name: string, written: boolean): void {
  if (name === "arguments") return; // left to the arrow wrapper
  add(state, name, path.scope.getBinding(name), written);
}

function add(state: State, name: string, binding: Binding | undefined, written: boolean): void {
  if (binding && isWithin(binding.scope, state.fn.scope)) return; // declared inside the closure
  const entry = state.free.get(name);
  // Shadowing inside the closure was dropped above, so an outer name always resolves to the same binding.
  if (entry) entry.written ||= written;
  else state.free.set(name, { name, binding, written });
}

/** Per running Babel: the node types whose subtrees are left out (TYPE_ONLY, and every TSType and FlowType). */
const typeOnlyTypes = new WeakMap<object, ReadonlySet<string>>();

function typeOnlyIn(t: Types): ReadonlySet<string> {
  let types = typeOnlyTypes.get(t);
  if (!types) {
    const aliases = t.FLIPPED_ALIAS_KEYS as Record<string, string[] | undefined>;
    types = new Set([...TYPE_ONLY, ...(aliases.TSType ?? []), ...(aliases.FlowType ?? [])]);
    typeOnlyTypes.set(t, types);
  }
  return types;
}

/**
 * The traversal's answer without its paths. Every use is found as the traversal finds it: the same nodes in the same
 * order, the same reference test (Babel's `isReferenced`), the same type-only subtrees left out. Resolving a name
 * needs the scope where it is used only when the closure declares that name somewhere (a parameter, a variable, a
 * nested function's parameter, a catch clause…). Any other name cannot be bound between the use and the closure, so it
 * resolves as from the closure's own scope, once per name. One walk finds the uses and the declared names; when some
 * used name is declared, a second walk resolves the uses of declared names from their own paths.
 */
function freeNamesFromNodes(fn: ClosurePath, t: Types): Map<string, FreeName> {
  const bindingKeys = t.getBindingIdentifiers.keys as Record<string, readonly string[] | undefined>;
  // Babel registers every binding from identifiers it reaches through getBindingIdentifiers.keys (a declaration, a
  // parameter, a pattern, a catch clause, a function or class expression's own name): a superset of those names.
  const declared = new Set<string>();
  const declares = (node: t.Node) => {
    const keys = bindingKeys[node.type];
    if (!keys) return;
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if ((child as t.Node | null)?.type === "Identifier") declared.add((child as t.Identifier).name);
      }
    }
  };
  declares(fn.node);
  const names: string[] = [];
  const writes: boolean[] = [];
  usesIn(fn, t, declares, (name, written) => {
    names.push(name);
    writes.push(written);
  });

  const state: State = { fn, free: new Map() };
  const outer = new Map<string, Binding | undefined>();
  const outerBinding = (name: string) => {
    if (!outer.has(name)) outer.set(name, fn.scope.getBinding(name));
    return outer.get(name);
  };
  if (!names.some((name) => declared.has(name))) {
    names.forEach((name, i) => name !== "arguments" && add(state, name, outerBinding(name), writes[i]));
    return state.free;
  }
  const paths = new PathFinder(fn);
  usesIn(fn, t, undefined, (name, written, steps, depth) => {
    if (name === "arguments") return; // left to the arrow wrapper
    const binding = declared.has(name) ? paths.pathAt(steps, depth).scope.getBinding(name) : outerBinding(name);
    add(state, name, binding, written);
  });
  return state.free;
}

/**
 * Walks the closure's descendants and reports each use of a name (a referenced identifier, or a name an assignment,
 * update or for-in/of head writes), as collectFree's visitors find them; type-only subtrees hold no uses. With
 * `everyNode`, the walk also enters those subtrees and calls it on every node (declarations may sit there).
 */
function usesIn(fn: ClosurePath, t: Types, everyNode: ((node: t.Node) => void) | undefined,
  use: (name: string, written: boolean, steps: readonly Step[], depth: number) => void): void {
  const grandparent = fn.parent;
  const typeOnly = typeOnlyIn(t);
  const { isReferenced } = t;
  const { isCompatTag } = t.react;
  let typeOnlyDepth = Infinity; // the depth of the type-only subtree being walked for everyNode's sake
  walkDescendants(t.VISITOR_KEYS, fn.node, (node, steps, depth) => {
    everyNode?.(node);
    if (depth <= typeOnlyDepth) typeOnlyDepth = Infinity;
    if (typeOnlyDepth !== Infinity) return;
    if (typeOnly.has(node.type)) {
      if (!everyNode) return false;
      typeOnlyDepth = depth;
      return;
    }
    switch (node.type) {
      case "Identifier":
      case "JSXIdentifier": {
        const parent = steps[depth - 1].node;
        if (node.type === "JSXIdentifier" && parent.type !== "JSXMemberExpression" && isCompatTag(node.name)) break;
        if (isReferenced(node, parent, depth > 1 ? steps[depth - 2].node : grandparent)) use(node.name, false, steps, depth);
        break;
      }
      case "AssignmentExpression":
      case "ForInStatement":
      case "ForOfStatement":
        if (node.left.type === "VariableDeclaration") break;
        for (const { name } of assignedIdentifiers(node.left)) use(name, true, steps, depth);
        break;
      case "UpdateExpression":
        for (const { name } of assignedIdentifiers(node.argument)) use(name, true, steps, depth);
        break;
      default:
        break;
    }
  });
}

// Prepared once (Babel explodes a visitor object on first use and caches it on the object).
const collectFree = {
  enter(path: NodePath) {
    if (TYPE_ONLY.has(path.node.type) || path.isTSType() || path.isFlowType()) path.skip();
  },
  ReferencedIdentifier(path: NodePath<t.Identifier | t.JSXIdentifier>, state: State) {
    record(state, path, path.node.name, false);
  },
  "AssignmentExpression|ForInStatement|ForOfStatement"(path: NodePath<t.AssignmentExpression | t.ForXStatement>, state: State) {
    const left = path.node.left;
    if (left.type === "VariableDeclaration") return;
    for (const { name } of assignedIdentifiers(left)) record(state, path, name, true);
  },
  UpdateExpression(path: NodePath<t.UpdateExpression>, state: State) {
    for (const { name } of assignedIdentifiers(path.node.argument)) record(state, path, name, true);
  },
};

function isWithin(scope: Scope, ancestor: Scope): boolean {
  for (let current: Scope | undefined = scope; current; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}
