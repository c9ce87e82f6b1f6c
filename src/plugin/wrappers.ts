// Expression wrappers that leave the value inside untouched at run time: parentheses, and TypeScript's and Flow's
// type-only wrappers (which vanish when types are stripped). Markers look through them, and so do name inference,
// captureContext detection and the "cannot hold a proxy" check.
import type { NodePath, types as t } from "@babel/core";

const TRANSPARENT: ReadonlySet<string> = new Set([
  "ParenthesizedExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
  "TypeCastExpression",
]);

type Wrapper = t.Node & { expression: t.Node };

export function isTransparent(node: t.Node): node is Wrapper {
  return TRANSPARENT.has(node.type);
}

/** The expression inside any wrappers around `path`. */
export function unwrapTransparent(path: NodePath): NodePath {
  let current = path;
  while (isTransparent(current.node)) current = current.get("expression") as NodePath;
  return current;
}

/** The same for a bare node. */
export function unwrapTransparentNode(node: t.Node): t.Node {
  let current = node;
  while (isTransparent(current)) current = current.expression;
  return current;
}

/** The outermost wrapper around `path` (or `path` itself): where the expression really stands in its parent. */
export function outermostWrapper(path: NodePath): NodePath {
  let current = path;
  while (current.parentPath && current.key === "expression" && isTransparent(current.parentPath.node)) {
    current = current.parentPath;
  }
  return current;
}
