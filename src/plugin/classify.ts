// Decides, for each name a marked closure reads from outside, whether it is captured at creation or left live, and why.
import type { NodePath, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";
import type { FreeName } from "./free-variables.js";
import type { ClosurePath } from "./markers.js";
import { pluginError, reasons, type Reason } from "./messages.js";
import type { ResolvedOptions } from "./options.js";
import { importedFrom, isRuntimeExport } from "./runtime-binding.js";
import { unwrapTransparentNode } from "./wrappers.js";
import { isWritten } from "./writes.js";

export interface Classification {
  captured: string[];
  live: { name: string; reason: Reason }[];
}

export function classify(
  fn: ClosurePath,
  free: Map<string, FreeName>,
  listed: string[] | null,
  options: ResolvedOptions,
): Classification {
  const result: Classification = { captured: [], live: [] };
  for (const entry of free.values()) {
    // Globals are never captured (nor reported): reading one at creation could throw where `typeof g` was safe. A TS
    // `declare const` is a global too, described to the type checker.
    if (!entry.binding || isAmbient(entry.binding)) continue;
    let reason = blocker(entry, fn);
    const isListed = listed?.includes(entry.name) ?? false;
    if (reason && isListed) throw pluginError(fn, "E006_LISTED_NAME", entry.name, reasons[reason]);
    if (!reason && !isListed) reason = listed ? "notListed" : optionalSkip(entry.binding, options);
    if (reason) result.live.push({ name: entry.name, reason });
    else result.captured.push(entry.name);
  }
  for (const name of listed ?? []) {
    const entry = free.get(name);
    if (!entry) throw pluginError(fn, "E006_LISTED_NAME", name, reasons.notUsed);
    if (!entry.binding || isAmbient(entry.binding)) {
      throw pluginError(fn, "E006_LISTED_NAME", name, reasons.global);
    }
  }
  return result;
}

function isAmbient(binding: Binding): boolean {
  const declaration = binding.path.parentPath?.node;
  return (declaration?.type === "VariableDeclaration" && declaration.declare === true) ||
    (binding.path.node as { declare?: boolean }).declare === true;
}

/** A reason that makes capturing change what the program means; such a name is never captured. */
function blocker(entry: FreeName, fn: ClosurePath): Reason | undefined {
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
  if (!initialisedBefore(binding, fn)) return "notInitialised";
  return undefined;
}

/**
 * Is the closure created while its module is still being evaluated (top-level code, a static block or static field)?
 * In an import cycle an imported binding may not be initialised yet at that point: reading it at creation would throw
 * a ReferenceError where the program itself would not, so such imports are read through `unproxyImport`.
 */
export function createdWhileModulesLoad(fn: ClosurePath): boolean {
  for (let current: NodePath | null = fn.parentPath; current; current = current.parentPath) {
    if (current.isFunction()) return false;
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
  if (options.capture === "known" && !isKnownProxy(binding, options)) return "notKnownProxy";
  return undefined;
}

const CANNOT_HOLD_PROXY = new Set([
  "StringLiteral", "NumericLiteral", "BooleanLiteral", "NullLiteral", "BigIntLiteral", "RegExpLiteral",
  "TemplateLiteral", "ArrowFunctionExpression", "FunctionExpression", "ClassExpression", "ObjectExpression",
  "ArrayExpression",
]);

function initializer(binding: Binding): t.Node | undefined {
  const declarator = binding.path;
  if (!declarator.isVariableDeclarator() || declarator.node.id.type !== "Identifier") return undefined;
  const init = declarator.node.init;
  return init ? unwrapTransparentNode(init) : undefined;
}

function isKnownProxy(binding: Binding, options: ResolvedOptions): boolean {
  const imported = importedFrom(binding.path);
  if (imported) {
    return options.knownProxies.some((known) => known.module === imported.module && known.export === imported.name);
  }
  const declarator = binding.path;
  if (binding.kind !== "const" || !declarator.isVariableDeclarator()) return false;
  const init = declarator.get("init") as NodePath;
  return init.isCallExpression() && isRuntimeExport(init.get("callee") as NodePath, "contextProxy", options.runtime);
}

/**
 * Is the binding certainly initialised whenever the closure is created? Only then can the closure read it at creation:
 * otherwise a later let/const/class would throw (temporal dead zone) and a later var would read undefined.
 */
function initialisedBefore(binding: Binding, fn: ClosurePath): boolean {
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
  return declared.end != null && runsAfter(fn, declared.end, owner.node, new Set());
}

/**
 * Does every execution of `path` come after source offset `end` of the binding's scope `owner`? A function expression,
 * method or class runs only after it is created, so its own position counts; a hoisted function declaration can run
 * from wherever it is referenced, so each reference must come after (an export is called only by importers).
 */
function runsAfter(path: NodePath, end: number, owner: t.Node, visiting: Set<t.Node>): boolean {
  let anchor = path;
  for (let current: NodePath | null = path.parentPath; current && current.node !== owner; current = current.parentPath) {
    if (current.isFunctionDeclaration()) {
      if (visiting.has(current.node)) return true; // recursion inside the declaration itself
      visiting.add(current.node);
      const id = current.node.id;
      const binding = id ? current.parentPath.scope.getBinding(id.name) : undefined;
      if (!binding) return current.parentPath.isExportDefaultDeclaration();
      return binding.referencePaths.every(
        (reference) =>
          reference.isDescendant(current!) ||
          reference.parentPath?.isExportSpecifier() ||
          runsAfter(reference, end, owner, visiting),
      );
    }
    if (current.isFunction() || current.isClass()) anchor = current;
  }
  return anchor.node.start != null && anchor.node.start >= end;
}
