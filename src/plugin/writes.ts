// Is a binding written after its declaration? Decided from facts in the tree, never from `binding.constant`, whose
// meaning changed between patch releases of @babel/traverse (7.29.16 reports every named import as non-constant).
// The facts: Babel's list of constant violations, our own scan for writes Babel does not record (through TypeScript
// wrappers such as `(x as any) = 1` or `x! = 1`, and a `var` re-initialised in a loop), and sloppy-mode functions whose
// `arguments` object aliases their parameters. An import cannot be assigned in its own file.
import type { NodePath, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";
import { unwrapTransparentNode } from "./wrappers.js";

/** Per program: the declaring identifiers of bindings written somewhere in the file. */
const cache = new WeakMap<t.Node, Set<t.Node>>();
/** Per program, from a walk over bare nodes (no paths, no scopes): which names the full scan could find written. */
const suspects = new WeakMap<t.Node, WriteSuspects>();

/** Names some node of the program may write (assigned, updated, deleted), and whether `arguments` appears at all. */
export interface WriteSuspects {
  names: Set<string>;
  arguments: boolean;
}

export function isWritten(binding: Binding): boolean {
  if (binding.constantViolations.length > 0) return true;
  if (binding.kind === "module") return false;
  if (binding.kind === "var" && isInitialisedInLoop(binding)) return true;
  const program = binding.scope.getProgramParent().path as NodePath<t.Program>;
  // Most files never write the name at all, nor use `arguments`: then the scan with scopes is not needed.
  const suspected = suspectsIn(program.node);
  if (!suspected.arguments && !suspected.names.has(binding.identifier.name)) return false;
  return writtenIn(program).has(binding.identifier);
}

/**
 * Collects the suspects of a program from a walk the caller makes anyway (the marker scan's), which must call
 * `suspect` on every node of the program; `isWritten` then needs no walk of its own.
 */
export function collectWriteSuspects(program: t.Program): { suspect: (node: t.Node) => void; done: () => void } {
  const found: WriteSuspects = { names: new Set(), arguments: false };
  return {
    suspect: (node) => suspect(node, found),
    done: () => void suspects.set(program, found),
  };
}

function suspect(node: t.Node, found: WriteSuspects): void {
  const { names } = found;
  switch (node.type) {
    case "AssignmentExpression":
      for (const { name } of assignedIdentifiers(node.left)) names.add(name);
      break;
    case "UpdateExpression":
      for (const { name } of assignedIdentifiers(node.argument)) names.add(name);
      break;
    case "ForInStatement":
    case "ForOfStatement":
      if (node.left.type !== "VariableDeclaration") for (const { name } of assignedIdentifiers(node.left)) names.add(name);
      break;
    case "UnaryExpression":
      if (node.operator === "delete") for (const { name } of assignedIdentifiers(node.argument)) names.add(name);
      break;
    case "Identifier":
      if (node.name === "arguments") found.arguments = true;
      break;
    default:
      break;
  }
}

function suspectsIn(program: t.Program): WriteSuspects {
  let found = suspects.get(program);
  if (found) return found;
  const result: WriteSuspects = { names: new Set<string>(), arguments: false };
  const walk = (node: t.Node | null | undefined): void => {
    if (!node || typeof node.type !== "string") return;
    suspect(node, result);
    for (const key in node) {
      if (key === "loc" || key === "leadingComments" || key === "trailingComments" || key === "innerComments") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) for (const item of value) walk(item as t.Node);
      else if (value && typeof value === "object") walk(value as t.Node);
    }
  };
  walk(program);
  suspects.set(program, result);
  return result;
}

function writtenIn(program: NodePath<t.Program>): Set<t.Node> {
  let written = cache.get(program.node);
  if (!written) {
    written = new Set();
    program.traverse(collectWrites, { written });
    cache.set(program.node, written);
  }
  return written;
}

/**
 * The identifiers an assignment target writes: a name, or the names inside a destructuring pattern, each possibly
 * inside parentheses or TypeScript wrappers (`(x as any)`, `x!`, `<T>x`, `x satisfies T`).
 */
export function assignedIdentifiers(target: t.Node, out: t.Identifier[] = []): t.Identifier[] {
  const node = unwrapTransparentNode(target);
  switch (node.type) {
    case "Identifier":
      out.push(node);
      break;
    case "ArrayPattern":
    case "ArrayExpression":
      for (const element of node.elements) if (element) assignedIdentifiers(element, out);
      break;
    case "ObjectPattern":
    case "ObjectExpression":
      for (const property of node.properties) {
        if (property.type === "ObjectProperty") assignedIdentifiers(property.value, out);
        else if (property.type === "RestElement" || property.type === "SpreadElement") {
          assignedIdentifiers(property.argument, out);
        }
      }
      break;
    case "AssignmentPattern":
    case "AssignmentExpression":
      assignedIdentifiers(node.left, out);
      break;
    case "RestElement":
    case "SpreadElement":
      assignedIdentifiers(node.argument, out);
      break;
    default:
      break; // a member expression writes a property, not a binding
  }
  return out;
}

interface State {
  written: Set<t.Node>;
}

function markWritten(path: NodePath, identifiers: t.Identifier[], state: State): void {
  for (const identifier of identifiers) {
    const binding = path.scope.getBinding(identifier.name);
    if (binding) state.written.add(binding.identifier);
  }
}

const collectWrites = {
  AssignmentExpression(path: NodePath<t.AssignmentExpression>, state: State) {
    markWritten(path, assignedIdentifiers(path.node.left), state);
  },
  UpdateExpression(path: NodePath<t.UpdateExpression>, state: State) {
    markWritten(path, assignedIdentifiers(path.node.argument), state);
  },
  "ForInStatement|ForOfStatement"(path: NodePath<t.ForInStatement | t.ForOfStatement>, state: State) {
    if (path.node.left.type !== "VariableDeclaration") markWritten(path, assignedIdentifiers(path.node.left), state);
  },
  UnaryExpression(path: NodePath<t.UnaryExpression>, state: State) {
    if (path.node.operator === "delete") markWritten(path, assignedIdentifiers(path.node.argument), state);
  },
  Identifier(path: NodePath<t.Identifier>, state: State) {
    if (path.node.name === "arguments" && path.isReferencedIdentifier()) markAliasedParameters(path, state);
  },
};

/**
 * In a sloppy-mode function with a simple parameter list, `arguments[i] = v` re-assigns the i-th parameter (a mapped
 * arguments object). Any use of `arguments` there other than reading an element or its length may write through it,
 * so every parameter counts as written.
 */
function markAliasedParameters(path: NodePath<t.Identifier>, state: State): void {
  const owner = path.findParent((parent) => parent.isFunction() && !parent.isArrowFunctionExpression()) as
    | NodePath<t.Function>
    | null;
  if (!owner || isStrict(owner) || !owner.node.params.every((param) => param.type === "Identifier")) return;
  if (isPlainRead(path)) return;
  for (const param of owner.node.params as t.Identifier[]) {
    const binding = owner.scope.getOwnBinding(param.name);
    if (binding) state.written.add(binding.identifier);
  }
}

/** `arguments[i]` or `arguments.length` read as a value: not a write, not handed on, not called as a method. */
function isPlainRead(path: NodePath<t.Identifier>): boolean {
  const member = path.parentPath;
  if (!member?.isMemberExpression() || member.node.object !== path.node) return false;
  const user = member.parentPath!;
  if (user.isAssignmentExpression() && user.node.left === member.node) return false;
  if (user.isUpdateExpression()) return false;
  if (user.isUnaryExpression({ operator: "delete" })) return false;
  if ((user.isCallExpression() || user.isOptionalCallExpression()) && user.node.callee === member.node) return false;
  if (user.isForXStatement() && user.node.left === member.node) return false;
  // a destructuring target: `[arguments[0]] = …`, `({ a: arguments[0] } = …)`, `[...arguments[0]] = …`
  if (user.isArrayPattern() || user.isRestElement() || (user.isAssignmentPattern() && user.node.left === member.node)) {
    return false;
  }
  if (user.isObjectProperty() && user.parentPath?.isObjectPattern()) return false;
  return true;
}

/** Strict mode from what the file says: a module, a class body, or a "use strict" directive around the path. */
function isStrict(path: NodePath): boolean {
  for (let current: NodePath | null = path; current; current = current.parentPath) {
    if (current.isClass()) return true;
    if (current.isProgram()) {
      return current.node.sourceType === "module" || hasUseStrict(current.node.directives);
    }
    if (current.isFunction() && current.node.body.type === "BlockStatement") {
      if (hasUseStrict(current.node.body.directives)) return true;
    }
  }
  return false;
}

function hasUseStrict(directives: t.Directive[] | undefined): boolean {
  return directives?.some((directive) => directive.value.value === "use strict") ?? false;
}

/** A `var` with an initialiser (or a for-in/of head) inside a loop of its own function is assigned every iteration. */
function isInitialisedInLoop(binding: Binding): boolean {
  const declarator = binding.path;
  if (!declarator.isVariableDeclarator()) return false;
  const declaration = declarator.parentPath;
  const inForHead = declaration?.parentPath?.isForXStatement() && declaration.key === "left";
  if (!declarator.node.init && !inForHead) return false;
  for (let current: NodePath | null = declarator.parentPath; current && current !== binding.scope.path; current = current.parentPath) {
    if (current.isLoop()) return true;
  }
  return false;
}
