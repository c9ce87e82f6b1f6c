// Direct reads: a captured proxy the plugin can prove is `contextProxy(C)` is resolved by reading C itself, and
// several proxies of one C captured by one closure share that one read. The proof is about names and bindings only;
// the runtime checks the rest (is C one of its contexts, is an object bound?) and otherwise takes unproxy(proxy), so
// the result and the errors are always what `_unproxy(proxy)` would have given.
import type { NodePath, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";
import { isRuntimeExport, type Runtimes } from "./runtime-binding.js";
import type { ClosurePath, FreeName } from "./types.js";
import { unwrapTransparent } from "./wrappers.js";
import { isWritten } from "./writes.js";

/** The `contextProxy(…)` call a const binding is initialised with (through sequences and TS wrappers), if any. */
export function contextProxyCall(binding: Binding, runtimes: Runtimes): NodePath<t.CallExpression> | undefined {
  const declarator = binding.path;
  if (binding.kind !== "const" || !declarator.isVariableDeclarator() || !declarator.get("id").isIdentifier()) {
    return undefined;
  }
  // `for (const x of …)` and `const x = …` alike declare a const; only the second has an initialiser.
  if (!declarator.node.init) return undefined;
  let init = declarator.get("init") as NodePath;
  while (init.isSequenceExpression()) init = init.get("expressions").at(-1)!;
  init = unwrapTransparent(init);
  if (!init.isCallExpression() || !isRuntimeExport(init.get("callee") as NodePath, "contextProxy", runtimes)) return undefined;
  return init;
}

/** A captured proxy and the context binding it provably reads. */
export interface DirectRead {
  name: string;
  context: Binding;
}

/**
 * The captured names the closure may read directly: `const p = contextProxy(C, …)` where `C` is an identifier whose
 * binding is never written, and `C` at the closure means that same binding (not a parameter or a local that shadows
 * it). C is then initialised whenever p is, and holds the same value: p's initialiser read it and nothing writes it.
 * Not in a file with a `with` statement, where `C` in p's initialiser may name a property of the `with` object.
 */
export function directReads(fn: ClosurePath, captured: readonly string[], free: Map<string, FreeName>,
  runtimes: Runtimes, hasWith: boolean): DirectRead[] {
  const found: DirectRead[] = [];
  if (hasWith) return found;
  for (const name of captured) {
    const context = provenContext(free.get(name)!.binding!, runtimes);
    if (!context || fn.parentPath.scope.getBinding(context.identifier.name) !== context) continue;
    found.push({ name, context });
  }
  return found;
}

/** Per proxy binding, the context binding it is proven to read (null: none): a file's closures share a few proxies. */
const proven = new WeakMap<Binding, Binding | null>();

function provenContext(proxy: Binding, runtimes: Runtimes): Binding | undefined {
  let context = proven.get(proxy);
  if (context === undefined) proven.set(proxy, (context = findContext(proxy, runtimes) ?? null));
  return context ?? undefined;
}

function findContext(proxy: Binding, runtimes: Runtimes): Binding | undefined {
  const call = contextProxyCall(proxy, runtimes);
  if (!call || call.node.arguments.length === 0) return undefined;
  const first = call.get("arguments.0") as NodePath;
  if (first.isSpreadElement()) return undefined;
  const id = unwrapTransparent(first);
  if (!id.isIdentifier()) return undefined;
  const context = call.scope.getBinding(id.node.name);
  return context && canBeContext(context) && !isWritten(context) ? context : undefined;
}

/**
 * A binding of this file that holds a value at run time (not a type, a hoisted declaration, or a TS `declare`) and
 * that no other file can write. Not an import: its module may reassign it (`export let C`), which this file cannot
 * see. Not, at a classic script's top level, a `let` or `var`: a global name any other script may assign.
 */
function canBeContext(binding: Binding): boolean {
  if (!["const", "let", "var"].includes(binding.kind) || !binding.path.isVariableDeclarator()) return false;
  const program = binding.scope.path;
  if (program.isProgram() && program.node.sourceType !== "module" && binding.kind !== "const") return false;
  const declaration = binding.path.parentPath;
  return !(declaration?.isVariableDeclaration() && declaration.node.declare === true);
}

/**
 * May several proxies of one context share one read through a variable declared right before the closure's statement?
 * Only where nothing can re-enter that statement between the variable's assignment and its last use: not in a class
 * body (a field initialiser or key runs again for every instance, in the same activation of the enclosing block), not
 * in parameters (a recursive call shares the declaring block), not in an arrow's expression body (it would first have
 * to become a block, under other closures' feet), not at the top level of a script.
 */
export function canShareRead(fn: ClosurePath): boolean {
  let current: NodePath = fn;
  for (let parent = current.parentPath; parent; current = parent, parent = parent.parentPath) {
    if (parent.isFunction() || parent.isClass() || parent.isTSModuleBlock()) return false;
    // A classic script's top-level `let` would be a global lexical name: a second script declaring it throws.
    if (parent.isProgram()) return current.listKey === "body" && parent.node.sourceType === "module";
    if ((parent.isBlockStatement() || parent.isStaticBlock()) && current.listKey === "body") return true;
  }
  return false;
}
