// The names a closure reads or writes whose bindings lie outside it, resolved through Babel's scope data.
import type { NodePath, types as t } from "@babel/core";
import type { Scope, TraverseOptions } from "@babel/traverse";
import type { ClosurePath, FreeName } from "./types.js";
import { assignedIdentifiers } from "./writes.js";

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

export function freeVariables(fn: ClosurePath): Map<string, FreeName> {
  const state: State = { fn, free: new Map() };
  fn.traverse(collectFree as unknown as TraverseOptions<State>, state);
  return state.free;
}

function record(state: State, path: NodePath, name: string, written: boolean): void {
  if (name === "arguments") return; // left to the arrow wrapper
  const binding = path.scope.getBinding(name);
  if (binding && isWithin(binding.scope, state.fn.scope)) return; // declared inside the closure
  const entry = state.free.get(name);
  // Shadowing inside the closure was dropped above, so an outer name always resolves to the same binding.
  if (entry) entry.written ||= written;
  else state.free.set(name, { name, binding, written });
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
