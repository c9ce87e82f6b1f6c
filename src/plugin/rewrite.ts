// Turns a marked closure into `((a, b) => closure)(_unproxy(a), _unproxy(b))`. The closure node itself is kept (not
// cloned), so its body prints byte-for-byte and keeps its source positions; the arrow wrapper keeps this, arguments,
// super and new.target; the wrapper's parameters shadow the captured names, so the body needs no renaming.
import type { NodePath, types as t } from "@babel/core";
import type { ClosurePath, Marked } from "./markers.js";
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

export function wrap(t: Types, fn: ClosurePath, captured: string[], argumentFor: ArgumentFor, freeNames: Set<string>): void {
  const params: (t.Identifier | t.AssignmentPattern)[] = captured.map((name) => t.identifier(name));
  const args = captured.map(argumentFor);
  const name = inferredName(fn);
  let body: t.Expression = fn.node;
  if (name !== undefined) {
    if (t.isValidIdentifier(name) && !freeNames.has(name) && !captured.includes(name)) {
      // `(x, cb = () => …) => cb`: the default-parameter position gives the closure its name, as `const cb =` did.
      params.push(t.assignmentPattern(t.identifier(name), fn.node));
      body = t.identifier(name);
    } else {
      // The name would shadow something the closure reads (or is not an identifier): name it by a property key.
      const key = t.isValidIdentifier(name) ? t.identifier(name) : t.stringLiteral(name);
      body = t.memberExpression(t.objectExpression([t.objectProperty(key, fn.node)]), t.cloneNode(key), !t.isIdentifier(key));
    }
  }
  fn.replaceWith(t.callExpression(t.arrowFunctionExpression(params, body), args));
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
    case "ClassProperty":
    case "ClassAccessorProperty":
      // A computed key other than a literal names the function at run time only; that name is not kept.
      return top.key === "value" ? keyName(node.key, node.computed) : undefined;
    case "ClassPrivateProperty":
      return top.key === "value" ? `#${node.key.id.name}` : undefined;
    case "ExportDefaultDeclaration":
      return "default";
    default:
      return undefined;
  }
}

function keyName(key: t.Node, computed: boolean): string | undefined {
  if (key.type === "Identifier") return computed ? undefined : key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}
