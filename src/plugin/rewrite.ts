// Turns a marked closure into `((a, b) => closure)(_unproxy(a), _unproxy(b))`. The closure node itself is kept (not
// cloned), so its body prints byte-for-byte and keeps its source positions; the arrow wrapper keeps this, arguments,
// super and new.target; the wrapper's parameters shadow the captured names, so the body needs no renaming.
import type { NodePath, types as t } from "@babel/core";
import { isStrictBindReservedWord } from "@babel/helper-validator-identifier";
import type { ClosurePath, Marked } from "./markers.js";
import { pluginError, type PluginError } from "./messages.js";
import { outermostWrapper, unwrapTransparent } from "./wrappers.js";

type Types = typeof t;

/** Drops the captureContext() call around a closure and returns the closure's new path. */
export function unwrapCall(marked: Marked): ClosurePath {
  if (!marked.call) return marked.fn;
  const [replaced] = marked.call.replaceWith(marked.call.node.arguments[0]) as NodePath[];
  return unwrapTransparent(replaced) as ClosurePath;
}

/** `_unproxy(name)`, the value a captured name is given when the closure is created. */
export type ArgumentFor = (name: string) => t.Expression;

/**
 * Replaces the closure by its wrapper call and returns the call's path. The call carries the closure's source location:
 * coverage tools count the statement of a marked initialiser (they skip nodes without one), and a source map sends an
 * error thrown while capturing (an unbound proxy) to the closure's first line rather than to whatever precedes it.
 */
export function wrap(
  t: Types,
  fn: ClosurePath,
  captured: string[],
  argumentFor: ArgumentFor,
  freeNames: Set<string>,
): NodePath<t.CallExpression> {
  const params = captured.map((name) => t.identifier(name));
  const args = captured.map(argumentFor);
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
 * Gives a generated argument (`_unproxy(x)`, `_unproxyImport(() => x)`) the closure's start, without start/end
 * offsets. A function inside it (the import getter) keeps no location: to coverage and audit mode it is not user code.
 */
function markAt(t: Types, node: t.Node, loc: t.SourceLocation): void {
  if (t.isFunction(node)) return;
  node.loc = { start: loc.start, end: loc.start, filename: loc.filename, identifierName: undefined } as t.SourceLocation;
  if (t.isCallExpression(node)) {
    markAt(t, node.callee, loc);
    for (const argument of node.arguments) markAt(t, argument, loc);
  }
}

/**
 * Can `name` be a `const` in the wrapper? Not a keyword or a reserved word, and not `eval` or `arguments` (a
 * SyntaxError in strict code; in sloppy code, a binding named `arguments` would hide the enclosing function's).
 */
function canBind(t: Types, name: string): boolean {
  return t.isValidIdentifier(name) && !isStrictBindReservedWord(name, true);
}

const NAMING_ASSIGNMENTS = new Set(["=", "||=", "&&=", "??="]);

/** The name JavaScript would give an anonymous closure from where it stands (`const cb = …`, `{ cb: … }`, …). */
export function inferredName(fn: ClosurePath): string | undefined {
  if (fn.isFunctionExpression() && fn.node.id) return undefined; // named already; wrapping cannot change it
  const top = outermostWrapper(fn);
  const parent = top.parentPath;
  if (!parent) return undefined;
  const node = parent.node;
  switch (node.type) {
    case "VariableDeclarator":
      return top.key === "init" && node.id.type === "Identifier" ? node.id.name : undefined;
    case "AssignmentExpression":
      return top.key === "right" && NAMING_ASSIGNMENTS.has(node.operator) && node.left.type === "Identifier"
        ? node.left.name
        : undefined;
    case "AssignmentPattern":
      return top.key === "right" && node.left.type === "Identifier" ? node.left.name : undefined;
    case "ObjectProperty":
      // `{ __proto__: fn }` sets the object's prototype: JavaScript gives fn no name.
      if (!node.computed && keyName(node.key, false) === "__proto__") return undefined;
      return top.key === "value" ? keyName(node.key, node.computed, parent.get("key") as NodePath) : undefined;
    case "ClassProperty":
    case "ClassAccessorProperty":
      // A computed key known only at run time: see runtimeKey.
      return top.key === "value" ? keyName(node.key, node.computed, parent.get("key") as NodePath) : undefined;
    case "ClassPrivateProperty":
      return top.key === "value" ? `#${node.key.id.name}` : undefined;
    case "ExportDefaultDeclaration":
      return "default";
    default:
      return undefined;
  }
}

/** The name a property key gives, as ToPropertyKey would compute it, when it is known before the program runs. */
function keyName(key: t.Node, computed: boolean, path?: NodePath): string | undefined {
  if (key.type === "Identifier") return computed ? staticValue(path) : key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  if (key.type === "BigIntLiteral") return BigInt(key.value).toString();
  return computed ? staticValue(path) : undefined;
}

/**
 * The property key of a computed key made of literals and operators only (`[3 + 4]`, `` [`on-${"x"}`] ``): no name
 * in it, so nothing can change its value. A symbol is never known here.
 */
function staticValue(path: NodePath | undefined): string | undefined {
  if (!path) return undefined;
  let named = path.isIdentifier();
  path.traverse({
    Identifier(inner) {
      named = true;
      inner.stop();
    },
  });
  if (named) return undefined;
  const { confident, value } = path.evaluate();
  const type = typeof value;
  return confident && (value === null || (type !== "object" && type !== "function" && type !== "symbol"))
    ? String(value)
    : undefined;
}

/**
 * The computed key that names a closure at run time only (`{ [k]: fn }`, `[sym] = fn` in a class), or undefined. `at`
 * is where the closure stands: itself, or the captureContext() call that it replaces.
 */
function runtimeKeyOf(fn: ClosurePath, at: NodePath = fn): NodePath<t.Expression> | undefined {
  if (fn.isFunctionExpression() && fn.node.id) return undefined;
  const top = outermostWrapper(at);
  const property = top.parentPath;
  if (top.key !== "value" || !property) return undefined;
  if (!property.isObjectProperty() && !property.isClassProperty() && !property.isClassAccessorProperty()) return undefined;
  if (!property.node.computed) return undefined;
  const key = property.get("key") as NodePath<t.Expression>;
  return keyName(key.node, true, key) === undefined ? key : undefined;
}

/** Is the closure named by a computed key known only at run time? (Audit mode leaves such closures alone.) */
export function namedByRuntimeKey(fn: ClosurePath): boolean {
  return runtimeKeyOf(fn) !== undefined;
}

/** E010 when the closure's name comes from a computed key that the wrapper cannot keep (see runtimeKey). */
export function nameRefusal(fn: ClosurePath, at: NodePath = fn): PluginError | undefined {
  const key = runtimeKeyOf(fn, at);
  if (!key) return undefined;
  if (key.scope.getBinding("Reflect")) return pluginError(key, "E010_COMPUTED_NAME", "`Reflect` is a local name here");
  const owner = key.scope.getFunctionParent();
  if (owner && key.findParent((path) => path.parentPath === owner.path && path.listKey === "params")) {
    return pluginError(key, "E010_COMPUTED_NAME", "the key is in a parameter list, where no variable can be declared first");
  }
  return undefined;
}

/**
 * For a closure named by a computed key known only at run time, the key is converted once, where and when it was
 * (`[_key = Reflect.ownKeys({ [k]: 0 })[0]]`: one ToPropertyKey, the engine's own), and kept in a fresh variable so
 * the wrapper can name the closure by the same key; the variable is a `let` of the enclosing block, so a class
 * defined in a loop keeps each iteration's key. Returns that variable.
 */
function runtimeKey(t: Types, fn: ClosurePath): t.Identifier | undefined {
  const key = runtimeKeyOf(fn);
  if (!key) return undefined;
  const refusal = nameRefusal(fn);
  if (refusal) throw refusal;
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
function declareBefore(t: Types, path: NodePath, id: t.Identifier): void {
  const declaration = t.variableDeclaration("let", [t.variableDeclarator(id)]);
  let current: NodePath = path;
  for (let parent: NodePath | null = current.parentPath; parent; current = parent, parent = parent.parentPath) {
    if (parent.isArrowFunctionExpression() && current.key === "body") {
      const arrow: NodePath<t.ArrowFunctionExpression> = parent;
      arrow.ensureBlock();
      const [declared] = (arrow.get("body") as NodePath<t.BlockStatement>).unshiftContainer("body", declaration);
      arrow.scope.registerDeclaration(declared);
      return;
    }
    if ((parent.isBlockStatement() || parent.isProgram() || parent.isStaticBlock()) && current.listKey === "body") break;
  }
  const [declared] = current.insertBefore(declaration);
  (declared as NodePath).scope.registerDeclaration(declared as NodePath);
}
