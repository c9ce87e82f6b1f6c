// The ESLint rule's own small analysis, on ESTree and ESLint's scope manager (the Babel world's counterpart is
// src/check/analyse.ts; both share the deferring-API list and options, src/check/deferring.ts). It answers the same
// questions: which closures does an argument evaluate to, is a closure marked, and which names it reads would the
// plugin capture. Where scope data cannot say as much as Babel's, it errs towards what the plugin does: a name it
// cannot decide about is not reported.
import type { Scope, SourceCode } from "eslint";
import { isMarkerComment } from "../plugin/markers.js";
import type { ResolvedCheckOptions } from "../check/deferring.js";

// ESTree plus the TypeScript nodes typescript-eslint adds; only the fields read here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Node { type: string; range: [number, number]; parent?: Node; [key: string]: any }

const TRANSPARENT = new Set(["TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion",
  "TSInstantiationExpression"]);
const MAX_DEPTH = 4;
const CANNOT_HOLD_PROXY = new Set(["Literal", "TemplateLiteral", "ArrowFunctionExpression", "FunctionExpression",
  "ClassExpression", "ObjectExpression", "ArrayExpression"]);

export function unwrap(node: Node): Node {
  let current = node;
  while (TRANSPARENT.has(current.type)) current = current.expression;
  return current;
}

/** The outermost transparent wrapper around a node: where it really stands in its parent. */
function outermost(node: Node): Node {
  let current = node;
  while (current.parent && TRANSPARENT.has(current.parent.type)) current = current.parent;
  return current;
}

export function isClosure(node: Node): boolean {
  return node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression";
}

/** The callee as a dotted path of identifiers (when it is one) and its method name (when it is a member). */
export function describeCallee(calleeNode: Node): { path: string[] | undefined; method: string | undefined } {
  let callee = unwrap(calleeNode);
  if (callee.type === "ChainExpression") callee = unwrap(callee.expression);
  const path: string[] = [];
  let dotted = true;
  let current = callee;
  while (current.type === "MemberExpression") {
    const name = propertyName(current);
    if (name === undefined || current.computed) dotted = false;
    path.unshift(name ?? "");
    current = unwrap(current.object);
  }
  if (current.type === "Identifier") path.unshift(current.name);
  else dotted = false;
  return { path: dotted ? path : undefined, method: callee.type === "MemberExpression" ? propertyName(callee) : undefined };
}

function propertyName(member: Node): string | undefined {
  if (!member.computed && member.property.type === "Identifier") return member.property.name;
  if (member.property.type === "Literal" && typeof member.property.value === "string") return member.property.value;
  return undefined;
}

/** The variable an identifier refers to, through the scope it is read in. */
export function variableOf(sourceCode: SourceCode, id: Node): Scope.Variable | undefined {
  for (let scope: Scope.Scope | null = sourceCode.getScope(id as never); scope; scope = scope.upper) {
    const reference = scope.references.find((ref) => ref.identifier === id);
    if (reference) return reference.resolved ?? undefined;
  }
  return undefined;
}

function isReassigned(variable: Scope.Variable): boolean {
  return variable.references.some((ref) => ref.isWrite() && !ref.init);
}

/** Is `id` a reference to the runtime's export `name` (captureContext, contextProxy)? By import, never by text alone. */
export function isRuntimeExport(sourceCode: SourceCode, node: Node, name: string, runtime: string): boolean {
  const callee = unwrap(node);
  if (callee.type === "Identifier") {
    const def = variableOf(sourceCode, callee)?.defs[0] as (Omit<Scope.Definition, "node" | "parent"> & { node: Node; parent: Node }) | undefined;
    return def?.type === "ImportBinding" && def.node.type === "ImportSpecifier" && def.parent.source.value === runtime &&
      importedName(def.node) === name && def.parent.importKind !== "type" && def.node.importKind !== "type";
  }
  if (callee.type === "MemberExpression" && propertyName(callee) === name && callee.object.type === "Identifier") {
    const def = variableOf(sourceCode, callee.object)?.defs[0] as (Omit<Scope.Definition, "node" | "parent"> & { node: Node; parent: Node }) | undefined;
    return def?.type === "ImportBinding" && def.node.type === "ImportNamespaceSpecifier" && def.parent.source.value === runtime;
  }
  return false;
}

function importedName(specifier: Node): string {
  return specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
}

/** Marked by a comment (on the function or what carries it) or by being captureContext()'s argument. */
export function isMarked(sourceCode: SourceCode, fn: Node, runtime: string): boolean {
  const top = outermost(fn);
  const carriers: Node[] = [fn, top];
  const parent = top.parent;
  const declaration = parent?.parent;
  if (parent?.type === "VariableDeclarator" && parent.init === top && declaration?.declarations.length === 1) {
    carriers.push(declaration);
    if (declaration.parent?.type === "ExportNamedDeclaration") carriers.push(declaration.parent);
  } else if ((parent?.type === "Property" || parent?.type === "PropertyDefinition") && parent.value === top) {
    carriers.push(parent);
  } else if (parent?.type === "ExportDefaultDeclaration") {
    carriers.push(parent);
  } else if (parent?.type === "CallExpression" && parent.arguments.length === 1 &&
      isRuntimeExport(sourceCode, parent.callee, "captureContext", runtime)) {
    return true;
  }
  if (fn.typeParameters) carriers.push(fn.typeParameters);
  return carriers.some((carrier) =>
    sourceCode.getCommentsBefore(carrier as never).some((comment) => isMarkerComment(comment as never)));
}

/** The closures an argument evaluates to, as far as the file says (the argument, a constant, a local function's return). */
export function closuresOf(sourceCode: SourceCode, node: Node, runtime: string, depth = 0, seen = new Set<Node>()): Node[] {
  const inner = unwrap(node);
  if (depth > MAX_DEPTH || seen.has(inner)) return [];
  seen.add(inner);
  const next = (child: Node | null | undefined) => (child ? closuresOf(sourceCode, child, runtime, depth + 1, seen) : []);
  switch (inner.type) {
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return [inner];
    case "ConditionalExpression":
      return [...next(inner.consequent), ...next(inner.alternate)];
    case "LogicalExpression":
      return [...next(inner.left), ...next(inner.right)];
    case "SequenceExpression":
      return next(inner.expressions.at(-1));
    case "Identifier": {
      const variable = variableOf(sourceCode, inner);
      const def = variable?.defs[0] as (Omit<Scope.Definition, "node"> & { node: Node }) | undefined;
      if (!variable || isReassigned(variable) || def?.type !== "Variable") return [];
      return next(def.node.init);
    }
    case "ObjectExpression":
      return (inner.properties as Node[]).flatMap((property) => (property.type === "Property" ? next(property.value) : []));
    case "CallExpression": {
      if (isRuntimeExport(sourceCode, inner.callee, "captureContext", runtime)) return [];
      // As in check: a local function's returns, or else the arguments of a call that may wrap them.
      const returned = returnedBy(sourceCode, inner.callee);
      return returned ? returned.flatMap((node) => next(node)) : (inner.arguments as Node[]).flatMap((node) => next(node));
    }
    default:
      return [];
  }
}

function returnedBy(sourceCode: SourceCode, calleeNode: Node): Node[] | undefined {
  const callee = unwrap(calleeNode);
  if (callee.type !== "Identifier") return undefined;
  const variable = variableOf(sourceCode, callee);
  const def = variable?.defs[0] as (Omit<Scope.Definition, "node"> & { node: Node }) | undefined;
  if (!variable || !def || isReassigned(variable)) return undefined;
  let fn: Node | undefined;
  if (def.type === "FunctionName") fn = def.node;
  else if (def.type === "Variable" && def.node.init && isClosure(unwrap(def.node.init))) fn = unwrap(def.node.init);
  if (!fn) return undefined;
  if (fn.body.type !== "BlockStatement") return [fn.body];
  const returned: Node[] = [];
  walk(sourceCode, fn.body, (child) => {
    if (child.type.includes("Function")) return false;
    if (child.type === "ReturnStatement" && child.argument) returned.push(child.argument);
    return true;
  });
  return returned;
}

/** Pre-order walk with ESLint's visitor keys; `enter` returns false to skip a subtree. */
export function walk(sourceCode: SourceCode, node: Node, enter: (node: Node) => boolean): void {
  if (!enter(node)) return;
  for (const key of (sourceCode.visitorKeys as Record<string, string[]>)[node.type] ?? []) {
    const child = node[key];
    for (const item of Array.isArray(child) ? child : [child]) {
      if (item && typeof item.type === "string") walk(sourceCode, item, enter);
    }
  }
}

/**
 * The names a closure reads from outside that the plugin would capture: declared (not globals), never reassigned
 * nor written inside, initialised before the closure, and able to hold a proxy (not a function or class declaration,
 * not a namespace import, not initialised with a literal, function, class, object or array).
 */
export function capturableNames(sourceCode: SourceCode, fn: Node, options: ResolvedCheckOptions): string[] {
  const scope = sourceCode.getScope(fn as never);
  const variables = new Map<Scope.Variable, boolean>();
  for (const ref of scope.through) {
    const variable = ref.resolved;
    if (!variable || (ref as { isValueReference?: boolean }).isValueReference === false) continue;
    const written = ref.isWrite();
    variables.set(variable, (variables.get(variable) ?? false) || written);
  }
  const names: string[] = [];
  for (const [variable, written] of variables) {
    if (!written && capturable(sourceCode, variable, fn, options)) names.push(variable.name);
  }
  return names;
}

function capturable(sourceCode: SourceCode, variable: Scope.Variable, fn: Node, options: ResolvedCheckOptions): boolean {
  if (variable.defs.length !== 1 || isReassigned(variable)) return false; // globals have no definition
  const def = variable.defs[0] as Omit<Scope.Definition, "node" | "parent"> & { node: Node; parent: Node | null };
  const [fnStart] = fn.range as [number, number];
  switch (def.type) {
    case "ImportBinding": {
      if (def.node.type === "ImportNamespaceSpecifier") return false;
      if (def.node.type !== "ImportSpecifier" && def.node.type !== "ImportDefaultSpecifier") return false;
      if (def.parent!.importKind === "type" || def.node.importKind === "type") return false;
      if (options.capture === "auto") return true;
      return def.node.type === "ImportSpecifier" && options.knownProxies.some((known) =>
        known.module === def.parent!.source.value && known.export === importedName(def.node));
    }
    case "Variable": {
      const declarator = def.node;
      if (def.parent?.declare || declarator.id.type !== "Identifier" && options.capture === "known") return false;
      if (contains(declarator, fn) || declarator.range[1] > fnStart) return false; // self-reference, or later
      const init = declarator.init ? unwrap(declarator.init) : undefined;
      if (declarator.id.type === "Identifier" && init && CANNOT_HOLD_PROXY.has(init.type)) return false;
      if (options.capture === "auto") return true;
      return def.parent?.kind === "const" && init?.type === "CallExpression" &&
        isRuntimeExport(sourceCode, init.callee, "contextProxy", options.runtime);
    }
    case "Parameter": {
      // A closure in a default parameter sees only the parameters before it; one in the body sees them all.
      if (options.capture !== "auto") return false;
      const closureParam = paramIndexOf(def.node, fn);
      return closureParam === -1 || paramIndexOf(def.node, def.name as never) < closureParam;
    }
    case "CatchClause":
      return options.capture === "auto";
    default:
      return false; // function and class declarations, TS enums and namespaces, implicit globals
  }
}

function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function paramIndexOf(fn: Node, node: Node): number {
  return (fn.params as Node[]).findIndex((param) => contains(param, node));
}
