// Turns a marked closure into `((a, b) => closure)(_unproxy(a), _unproxy(b))`. The closure node itself is kept (not
// cloned), so its body prints byte-for-byte and keeps its source positions; the arrow wrapper keeps this, arguments,
// super and new.target; the wrapper's parameters shadow the captured names, so the body needs no renaming.
import type { NodePath, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";
import { isStrictBindReservedWord } from "@babel/helper-validator-identifier";
import { inferredName, runtimeKeyOf } from "./names.js";
import type { ClosurePath, Marked } from "./types.js";
import { unwrapTransparent } from "./wrappers.js";

type Types = typeof t;

/** Drops the captureContext() call around a closure and returns the closure's new path. */
export function unwrapCall(marked: Marked): ClosurePath {
  if (!marked.call) return marked.fn;
  const [replaced] = marked.call.replaceWith(marked.call.node.arguments[0]) as NodePath[];
  return unwrapTransparent(replaced) as ClosurePath;
}

/**
 * Replaces the closure by its wrapper call and returns the call's path. The call carries the closure's source location:
 * coverage tools count the statement of a marked initialiser (they skip nodes without one), and a source map sends an
 * error thrown while capturing (an unbound proxy) to the closure's first line rather than to whatever precedes it.
 */
export function wrap(
  t: Types,
  fn: ClosurePath,
  captured: readonly string[],
  args: t.Expression[],
  freeNames: Set<string>,
): NodePath<t.CallExpression> {
  const params = captured.map((name) => t.identifier(name));
  const name = inferredName(fn);
  let body: t.Expression | t.BlockStatement = fn.node;
  if (name !== undefined) {
    if (canBind(t, name) && !freeNames.has(name) && !captured.includes(name)) {
      // `(x) => { const cb = () => …; return cb; }`: a declarator names the closure as `const cb =` did, and it is the
      // form later transforms keep: transform-parameters would turn a default parameter into `arguments[1]` (name
      // lost), function-name names `var cb = function cb()`, react-refresh signs a declared component after it.
      const id = t.identifier(name);
      body = t.blockStatement([
        t.variableDeclaration("const", [t.variableDeclarator(id, fn.node)]),
        t.returnStatement(t.cloneNode(id)),
      ]);
    } else {
      // The name would shadow something the closure reads, or cannot name a binding: name it by a property key.
      const key = t.isValidIdentifier(name) ? t.identifier(name) : t.stringLiteral(name);
      body = t.memberExpression(t.objectExpression([t.objectProperty(key, fn.node)]), t.cloneNode(key), !t.isIdentifier(key));
    }
  } else {
    const key = runtimeKey(t, fn);
    if (key) body = t.memberExpression(t.objectExpression([t.objectProperty(key, fn.node, true)]), t.cloneNode(key), true);
  }
  const call = t.callExpression(t.arrowFunctionExpression(params, body), args);
  const loc = fn.node.loc;
  if (loc) {
    call.loc = loc;
    for (const argument of args) markAt(t, argument, loc);
  }
  return fn.replaceWith(call)[0] as NodePath<t.CallExpression>;
}

/**
 * Gives a generated argument (`_unproxy(x)`, `_v ?? _unproxy(x)`, `_unproxyImport(() => x)`) the closure's start,
 * without start/end offsets. A function inside it (the import getter) keeps no location: to coverage and audit mode
 * it is not user code.
 */
function markAt(t: Types, node: t.Node, loc: t.SourceLocation): void {
  if (t.isFunction(node)) return;
  node.loc = { start: loc.start, end: loc.start, filename: loc.filename, identifierName: undefined } as t.SourceLocation;
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, t.Node | t.Node[] | null>)[key];
    for (const inner of Array.isArray(child) ? child : [child]) if (inner) markAt(t, inner, loc);
  }
}

/**
 * Can `name` be a `const` in the wrapper? Not a keyword or a reserved word, and not `eval` or `arguments` (a
 * SyntaxError in strict code; in sloppy code, a binding named `arguments` would hide the enclosing function's).
 */
function canBind(t: Types, name: string): boolean {
  return t.isValidIdentifier(name) && !isStrictBindReservedWord(name, true);
}

/**
 * For a closure named by a computed key known only at run time, the key is converted once, where and when it was
 * (`[_key = Reflect.ownKeys({ [k]: 0 })[0]]`: one ToPropertyKey, the engine's own), and kept in a fresh variable so
 * the wrapper can name the closure by the same key; the variable is a `let` of the enclosing block, so a class
 * defined in a loop keeps each iteration's key. Returns that variable.
 */
function runtimeKey(t: Types, fn: ClosurePath): t.Identifier | undefined {
  const key = runtimeKeyOf(fn); // validation refused the keys this cannot keep (nameProblem)
  if (!key) return undefined;
  const id = key.scope.generateUidIdentifier("key");
  declareBefore(t, key, id);
  const reflect = t.memberExpression(t.identifier("Reflect"), t.identifier("ownKeys"));
  const converted = t.callExpression(reflect, [t.objectExpression([t.objectProperty(key.node, t.numericLiteral(0), true)])]);
  key.replaceWith(t.assignmentExpression("=", t.cloneNode(id), t.memberExpression(converted, t.numericLiteral(0), true)));
  return t.cloneNode(id);
}

/**
 * `let id;` right before the statement that evaluates `path`, in its block (or at the top of an arrow's expression
 * body): each run of that block, a loop iteration or a call, has its own variable, declared before it is assigned
 * (Babel's scope.push would put a loop head's variable in the loop body, where the head cannot see it).
 */
export function declareBefore(t: Types, path: NodePath, id: t.Identifier): Binding | undefined {
  const declaration = t.variableDeclaration("let", [t.variableDeclarator(id)]);
  let current: NodePath = path;
  for (let parent: NodePath | null = current.parentPath; parent; current = parent, parent = parent.parentPath) {
    if (parent.isArrowFunctionExpression() && current.key === "body") {
      const arrow: NodePath<t.ArrowFunctionExpression> = parent;
      arrow.ensureBlock();
      const [declared] = (arrow.get("body") as NodePath<t.BlockStatement>).unshiftContainer("body", declaration);
      arrow.scope.registerDeclaration(declared);
      return arrow.scope.getOwnBinding(id.name);
    }
    if ((parent.isBlockStatement() || parent.isProgram() || parent.isStaticBlock()) && current.listKey === "body") break;
  }
  const [declared] = current.insertBefore(declaration);
  (declared as NodePath).scope.registerDeclaration(declared as NodePath);
  return (declared as NodePath).scope.getBinding(id.name);
}
