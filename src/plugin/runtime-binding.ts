// Is an expression the runtime's export `name` (captureContext, contextProxy)? Decided by scope bindings, never by the
// identifier's text alone, so a local function that happens to share the name is not mistaken for the runtime's.
import type { BabelFile, NodePath, types as t } from "@babel/core";
import { pluginError } from "./messages.js";
import type { ResolvedOptions } from "./options.js";
import { unwrapTransparent } from "./wrappers.js";
import { isWritten } from "./writes.js";

/** The module specifiers that name the runtime: the `runtime` option and its `runtimeAliases`. */
export type Runtimes = string | readonly string[];

function isRuntime(source: string | undefined, runtime: Runtimes): boolean {
  return source !== undefined && (typeof runtime === "string" ? source === runtime : runtime.includes(source));
}

export function isRuntimeExport(path: NodePath, exportName: string, runtime: Runtimes): boolean {
  const inner = unwrapSequence(path);
  if (inner.isIdentifier()) return identifierIsExport(inner, exportName, runtime);
  if (inner.isMemberExpression() && memberName(inner.node) === exportName) {
    const object = inner.get("object") as NodePath;
    if (isRequireOf(object, runtime)) return true;
    if (!object.isIdentifier()) return false;
    const binding = object.scope.getBinding(object.node.name);
    if (!binding) return false;
    const declaration = binding.path;
    if (declaration.isImportNamespaceSpecifier() || declaration.isImportDefaultSpecifier()) {
      return isRuntime(importSource(declaration), runtime) && !isTypeOnlyImport(declaration);
    }
    if (declaration.isVariableDeclarator() && !isWritten(binding)) {
      return declaration.get("id").isIdentifier() && isRequireOf(declaration.get("init") as NodePath, runtime);
    }
  }
  return false;
}

function identifierIsExport(id: NodePath<t.Identifier>, exportName: string, runtime: Runtimes): boolean {
  const binding = id.scope.getBinding(id.node.name);
  if (!binding || isWritten(binding)) return false;
  const declaration = binding.path;
  if (declaration.isImportSpecifier()) {
    const imported = declaration.node.imported;
    const name = imported.type === "Identifier" ? imported.name : imported.value;
    return name === exportName && isRuntime(importSource(declaration), runtime) && !isTypeOnlyImport(declaration);
  }
  if (declaration.isVariableDeclarator()) {
    // var _unproxy = require("unproxy").unproxy (how the plugin's own import reads in a script)
    const init = declaration.get("init") as NodePath;
    if (init.isMemberExpression() && memberName(init.node) === exportName && declaration.get("id").isIdentifier()) {
      return isRequireOf(init.get("object") as NodePath, runtime);
    }
    // const { captureContext: cc } = require("unproxy")
    const pattern = declaration.node.id;
    if (pattern.type !== "ObjectPattern" || !isRequireOf(declaration.get("init") as NodePath, runtime)) return false;
    return pattern.properties.some(
      (property) =>
        property.type === "ObjectProperty" &&
        !property.computed &&
        propertyKeyName(property.key) === exportName &&
        property.value.type === "Identifier" &&
        property.value.name === id.node.name,
    );
  }
  return false;
}

function unwrapSequence(path: NodePath): NodePath {
  // (0, cc)(fn) — the indirect-call idiom Babel's own CommonJS output uses.
  let current = path;
  for (;;) {
    if (current.isSequenceExpression()) {
      const expressions = current.get("expressions");
      current = expressions[expressions.length - 1];
    } else {
      const inner = unwrapTransparent(current);
      if (inner === current) return current;
      current = inner;
    }
  }
}

function isRequireOf(path: NodePath, runtime: Runtimes): boolean {
  if (!path.isCallExpression()) return false;
  const callee = path.node.callee;
  const [source] = path.node.arguments;
  return (
    callee.type === "Identifier" &&
    callee.name === "require" &&
    !path.scope.getBinding("require") &&
    path.node.arguments.length === 1 &&
    source.type === "StringLiteral" &&
    isRuntime(source.value, runtime)
  );
}

function memberName(node: t.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  if (node.property.type === "StringLiteral") return node.property.value;
  return undefined;
}

function propertyKeyName(key: t.Node): string | undefined {
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  return undefined;
}

function importSource(specifier: NodePath): string | undefined {
  const declaration = specifier.parentPath;
  return declaration?.isImportDeclaration() ? declaration.node.source.value : undefined;
}

function isTypeOnlyImport(specifier: NodePath): boolean {
  const node = specifier.node as t.ImportSpecifier;
  const declaration = specifier.parent as t.ImportDeclaration;
  return declaration.importKind === "type" || declaration.importKind === "typeof" || node.importKind === "type";
}

/** The source and imported name of an import binding, for `knownProxies`. */
export function importedFrom(declaration: NodePath): { module: string; name: string } | undefined {
  if (!declaration.isImportSpecifier() || isTypeOnlyImport(declaration)) return undefined;
  const imported = declaration.node.imported;
  const module = importSource(declaration);
  if (module === undefined) return undefined;
  return { module, name: imported.type === "Identifier" ? imported.name : imported.value };
}

export interface ForeignImport {
  declaration: t.ImportDeclaration;
  /** The source as the file wrote it. */
  written: string;
}

/**
 * Imports that bring captureContext (or contextProxy, which `capture: "known"` relies on, or a namespace) from a module
 * that is not a runtime specifier, as the file stands before any plugin ran. If another plugin (module-resolver, an
 * alias) turns one into the runtime later, the plugin did not recognise it: `post()` makes that an error.
 */
export function foreignImports(program: NodePath<t.Program>, options: ResolvedOptions): ForeignImport[] {
  const found: ForeignImport[] = [];
  for (const statement of program.node.body) {
    if (statement.type !== "ImportDeclaration" || statement.importKind === "type") continue;
    if (isRuntime(statement.source.value, options.runtimes)) continue;
    const matters = statement.specifiers.some((specifier) =>
      specifier.type !== "ImportSpecifier" ||
      (specifier.importKind !== "type" &&
        (importedName(specifier) === "captureContext" ||
          (importedName(specifier) === "contextProxy" && options.capture === "known"))));
    if (matters) found.push({ declaration: statement, written: statement.source.value });
  }
  return found;
}

/** Throws UNPROXY_E009 when one of those imports now names the runtime. */
export function checkForeignImports(file: BabelFile, imports: ForeignImport[], options: ResolvedOptions): void {
  for (const { declaration, written } of imports) {
    // Another plugin replaces the declaration's source node (the declaration may have left the tree since): read it anew.
    const now = declaration.source.value;
    if (isRuntime(now, options.runtimes)) {
      const program = file.path as NodePath<t.Program>;
      throw pluginError({ path: program, loc: declaration.loc }, "E009_RUNTIME_ALIAS", written, now);
    }
  }
}

function importedName(specifier: t.ImportSpecifier): string {
  return specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
}
