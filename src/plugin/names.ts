// The name JavaScript gives an anonymous closure from where it stands, which the wrapper must keep: read from the tree
// only (analysis, and the apply step asking where a closure stands now).
import type { NodePath, types as t } from "@babel/core";
import type { ClosurePath, Problem } from "./types.js";
import { outermostWrapper } from "./wrappers.js";

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
export function runtimeKeyOf(fn: ClosurePath, at: NodePath = fn): NodePath<t.Expression> | undefined {
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

/** E010, as data, when the closure's name comes from a computed key that the wrapper cannot keep (see runtimeKey). */
export function nameProblem(fn: ClosurePath, at: NodePath = fn): Problem | undefined {
  const key = runtimeKeyOf(fn, at);
  if (!key) return undefined;
  const problem = (why: string): Problem => ({ key: "E010_COMPUTED_NAME", args: [why], at: key, fn });
  if (key.scope.getBinding("Reflect")) return problem("`Reflect` is a local name here");
  const owner = key.scope.getFunctionParent();
  if (owner && key.findParent((path) => path.parentPath === owner.path && path.listKey === "params")) {
    return problem("the key is in a parameter list, where no variable can be declared first");
  }
  return undefined;
}
