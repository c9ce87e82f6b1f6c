// Decides, for each name a marked closure reads from outside, whether it is captured at creation or left live, and why.
import type { NodePath, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";
import type { Reason } from "./messages.js";
import type { ResolvedOptions } from "./options.js";
import { contextProxyCall } from "./direct-read.js";
import { importedFrom } from "./runtime-binding.js";
import type { Classification, ClosurePath, FreeName } from "./types.js";
import { unwrapTransparentNode } from "./wrappers.js";
import { isWritten } from "./writes.js";

/**
 * Per file, shared by every closure: for a binding's scope (owner) and a function declaration, the earliest source
 * offset at which the declaration may be called. Without it, N closures in one declaration referenced N times cost
 * N² reference walks.
 */
export type InitialisationOrder = Map<t.Node, Map<t.Node, number>>;

export function classify(
  fn: ClosurePath,
  free: Map<string, FreeName>,
  listed: string[] | null,
  options: ResolvedOptions,
  order: InitialisationOrder = new Map(),
): Classification {
  const result: Classification = { captured: [], live: [], unfit: [] };
  for (const entry of free.values()) {
    // Globals are never captured (nor reported): reading one at creation could throw where `typeof g` was safe. A TS
    // `declare const` is a global too, described to the type checker.
    if (!entry.binding || isAmbient(entry.binding)) continue;
    let reason = blocker(entry, fn, order);
    const isListed = listed?.includes(entry.name) ?? false;
    if (reason && isListed) {
      result.unfit.push({ name: entry.name, reason });
      continue;
    }
    if (!reason && !isListed) reason = listed ? "notListed" : optionalSkip(entry.binding, options);
    if (reason) result.live.push({ name: entry.name, reason });
    else result.captured.push(entry.name);
  }
  for (const name of listed ?? []) {
    const entry = free.get(name);
    if (!entry) result.unfit.push({ name, reason: "notUsed" });
    else if (!entry.binding || isAmbient(entry.binding)) result.unfit.push({ name, reason: "global" });
  }
  return result;
}

function isAmbient(binding: Binding): boolean {
  const declaration = binding.path.parentPath?.node;
  return (declaration?.type === "VariableDeclaration" && declaration.declare === true) ||
    (binding.path.node as { declare?: boolean }).declare === true;
}

/** A reason that makes capturing change what the program means; such a name is never captured. */
function blocker(entry: FreeName, fn: ClosurePath, order: InitialisationOrder): Reason | undefined {
  const binding = entry.binding!;
  if (entry.written) return "writtenInside";
  if (isWritten(binding)) return "reassigned";
  if (fn.isDescendant(binding.path) && !binding.path.isCatchClause()) return "selfReference";
  if (binding.kind === "hoisted" || binding.kind === "local" || binding.path.isClassDeclaration()) return "declaration";
  if (!["module", "param", "var", "let", "const"].includes(binding.kind)) return "unsupportedKind";
  if (binding.kind === "module" && !importedFrom(binding.path) && !binding.path.isImportDefaultSpecifier() &&
      !binding.path.isImportNamespaceSpecifier()) {
    return "unsupportedKind"; // type-only imports and TS `import x = require()`
  }
  if (!initialisedBefore(binding, fn, order)) return "notInitialised";
  return undefined;
}

/**
 * Is the closure created while its module is still being evaluated (top-level code, a static block or static field)?
 * In an import cycle an imported binding may not be initialised yet at that point: reading it at creation would throw
 * a ReferenceError where the program itself would not, so such imports are read through `unproxyImport`.
 */
export function createdWhileModulesLoad(fn: ClosurePath): boolean {
  for (let current: NodePath | null = fn; current; current = current.parentPath) {
    if (current !== fn && current.isFunction()) return false;
    const member = current.parentPath;
    if (member && (member.isClassProperty() || member.isClassPrivateProperty() || member.isClassAccessorProperty()) &&
        current.key === "value" && !member.node.static) {
      return false; // an instance field's value is created by the constructor
    }
  }
  return true;
}

/** Capturing would be harmless but pointless (or not wanted by the options). */
function optionalSkip(binding: Binding, options: ResolvedOptions): Reason | undefined {
  if (binding.path.isImportNamespaceSpecifier()) return "namespace"; // never a proxy itself; `ns.request` stays live
  const init = initializer(binding);
  if (init && CANNOT_HOLD_PROXY.has(init.type)) return "cannotHoldProxy";
  // Operators that always yield a primitive (`a + b`, `!x`, `typeof x`, `i++`), or a declared primitive type.
  if (init && PRIMITIVE_OPERATORS.has(init.type)) return "primitive";
  if (hasPrimitiveType(binding.identifier)) return "primitive";
  if (options.capture === "known" && !isKnownProxy(binding, options)) return "notKnownProxy";
  return undefined;
}

const CANNOT_HOLD_PROXY = new Set([
  "StringLiteral", "NumericLiteral", "BooleanLiteral", "NullLiteral", "BigIntLiteral", "RegExpLiteral",
  "TemplateLiteral", "ArrowFunctionExpression", "FunctionExpression", "ClassExpression", "ObjectExpression",
  "ArrayExpression",
]);

const PRIMITIVE_OPERATORS = new Set(["BinaryExpression", "UnaryExpression", "UpdateExpression"]);

const PRIMITIVE_TYPES = new Set([
  "TSStringKeyword", "TSNumberKeyword", "TSBooleanKeyword", "TSBigIntKeyword", "TSSymbolKeyword", "TSNullKeyword",
  "TSUndefinedKeyword", "TSVoidKeyword", "TSLiteralType", "TSTemplateLiteralType", "StringTypeAnnotation",
  "NumberTypeAnnotation", "BooleanTypeAnnotation", "BigIntTypeAnnotation", "SymbolTypeAnnotation",
  "StringLiteralTypeAnnotation", "NumberLiteralTypeAnnotation", "BooleanLiteralTypeAnnotation",
  "BigIntLiteralTypeAnnotation", "NullLiteralTypeAnnotation", "VoidTypeAnnotation",
]);

/** `const id: string = …`, `(n: number | undefined) => …`: a primitive cannot be a proxy. */
function hasPrimitiveType(identifier: t.Identifier): boolean {
  const annotation = identifier.typeAnnotation;
  if (!annotation || annotation.type === "Noop") return false;
  return isPrimitiveType(annotation.typeAnnotation);
}

function isPrimitiveType(type: t.Node): boolean {
  if (type.type === "TSUnionType" || type.type === "UnionTypeAnnotation") return type.types.every(isPrimitiveType);
  if (type.type === "TSParenthesizedType" as string) return isPrimitiveType((type as unknown as { typeAnnotation: t.Node }).typeAnnotation);
  return PRIMITIVE_TYPES.has(type.type);
}

function initializer(binding: Binding): t.Node | undefined {
  const declarator = binding.path;
  if (!declarator.isVariableDeclarator() || declarator.node.id.type !== "Identifier") return undefined;
  const init = declarator.node.init;
  return init ? valueOf(init) : undefined;
}

/**
 * The expression whose value a binding takes: through transparent wrappers and through sequences, whose value is their
 * last element (coverage instrumentation run in an earlier pass turns `contextProxy(ctx)` into `(cov.s[1]++, …)`).
 */
function valueOf(node: t.Node): t.Node {
  let current = unwrapTransparentNode(node);
  while (current.type === "SequenceExpression") current = unwrapTransparentNode(current.expressions.at(-1)!);
  return current;
}

function isKnownProxy(binding: Binding, options: ResolvedOptions): boolean {
  const imported = importedFrom(binding.path);
  if (imported) {
    return options.knownProxies.some((known) => known.module === imported.module && known.export === imported.name);
  }
  return contextProxyCall(binding, options.runtimes) !== undefined;
}

/**
 * Is the binding certainly initialised whenever the closure is created? Only then can the closure read it at creation:
 * otherwise a later let/const/class would throw (temporal dead zone) and a later var would read undefined.
 */
function initialisedBefore(binding: Binding, fn: ClosurePath, order: InitialisationOrder): boolean {
  if (binding.kind === "module") return true;
  const owner = binding.scope.path;
  if (binding.kind === "param") {
    const params = owner.get("params") as NodePath[];
    const closureParam = params.findIndex((param) => fn.isDescendant(param));
    if (closureParam === -1) return true; // the closure is in the body: every parameter is bound by then
    const bindingParam = params.findIndex((param) => param.node === binding.path.node || binding.path.isDescendant(param));
    return bindingParam < closureParam;
  }
  const declaration = binding.path;
  if (declaration.isCatchClause()) return true; // the closure can only be in the catch body
  const declared = declaration.node;
  // `switch` cases share one scope, but a jump to a later case skips the earlier case's initialisation.
  const switchCase = declaration.parentPath?.parentPath;
  if (switchCase?.isSwitchCase() && !fn.isDescendant(switchCase)) return false;
  return declared.end != null && earliestRun(fn, owner.node, order, new Set(), new Set()) >= declared.end;
}

/**
 * The earliest source offset in the binding's scope `owner` at which `path` may run. A function expression, method or
 * class runs only after it is created, so its own position counts; a hoisted function declaration can run from
 * wherever it is referenced, so the earliest of its references counts (an export is called only by importers).
 * -Infinity: may run before anything; Infinity: never runs before the scope is done with its own code.
 */
function earliestRun(path: NodePath, owner: t.Node, order: InitialisationOrder, inProgress: Set<t.Node>,
  cycles: Set<t.Node>): number {
  let anchor = path;
  for (let current: NodePath | null = path.parentPath; current && current.node !== owner; current = current.parentPath) {
    if (current.isFunctionDeclaration()) return earliestCall(current, owner, order, inProgress, cycles);
    if (current.isFunction() || current.isClass()) anchor = current;
  }
  return anchor.node.start ?? -Infinity;
}

function earliestCall(declaration: NodePath<t.FunctionDeclaration>, owner: t.Node, order: InitialisationOrder,
  inProgress: Set<t.Node>, cycles: Set<t.Node>): number {
  const node = declaration.node;
  let known = order.get(owner);
  if (!known) order.set(owner, (known = new Map()));
  const cached = known.get(node);
  if (cached !== undefined) return cached;
  if (inProgress.has(node)) {
    cycles.add(node);
    return Infinity; // recursion: a call from inside the declaration comes after the call that started it
  }
  const binding = node.id ? declaration.parentPath.scope.getBinding(node.id.name) : undefined;
  if (!binding) return declaration.parentPath.isExportDefaultDeclaration() ? Infinity : -Infinity;
  inProgress.add(node);
  // Cycles cut below this declaration (other than back to itself) make its figure provisional: not cached.
  const below = new Set<t.Node>();
  let earliest = Infinity;
  for (const reference of binding.referencePaths) {
    if (reference.parentPath?.isExportSpecifier() || reference.isDescendant(declaration)) continue;
    earliest = Math.min(earliest, earliestRun(reference, owner, order, inProgress, below));
    if (earliest === -Infinity) break;
  }
  inProgress.delete(node);
  below.delete(node);
  if (below.size === 0 || earliest === -Infinity) known.set(node, earliest);
  for (const other of below) cycles.add(other);
  return earliest;
}
