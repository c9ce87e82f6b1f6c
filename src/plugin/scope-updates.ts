// Keeps Babel's scope data true after the rewrite without re-crawling the program (a crawl costs as much as a whole
// traversal): plugins that run later read it, TypeScript's import elision above all (`binding.referencePaths`).
import type { NodePath, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";

/**
 * Inside a wrapped closure a captured name now resolves to the wrapper's parameter, so its reads there stop being
 * references of the outer binding. One pass per binding over its references, whatever the number of closures.
 * Returns whether the wrapper's argument for a capture reads the outer binding: not when the closure sits inside
 * another closure that captures the same binding (the argument then reads that wrapper's parameter). Called before
 * any closure is wrapped, while paths still lead up through the closures.
 */
export function moveReferencesIntoWrappers(
  captures: { closure: NodePath; binding: Binding }[],
): (closure: t.Node, binding: Binding) => boolean {
  const closuresOf = new Map<Binding, Set<t.Node>>();
  for (const { closure, binding } of captures) {
    let closures = closuresOf.get(binding);
    if (!closures) closuresOf.set(binding, (closures = new Set()));
    closures.add(closure.node);
  }
  const innerCaptures = new Set<string>();
  const ids = new Map<t.Node, number>();
  const key = (closure: t.Node, binding: Binding) => {
    if (!ids.has(closure)) ids.set(closure, ids.size);
    return `${ids.get(closure)}:${binding.identifier.name}:${binding.scope.uid}`;
  };
  for (const { closure, binding } of captures) {
    if (hasAncestorIn(closure, closuresOf.get(binding)!)) innerCaptures.add(key(closure.node, binding));
  }
  for (const [binding, closures] of closuresOf) {
    const kept = binding.referencePaths.filter((reference) => !hasAncestorIn(reference, closures));
    binding.referencePaths = kept;
    binding.references = kept.length;
    binding.referenced = kept.length > 0;
  }
  return (closure, binding) => !innerCaptures.has(key(closure, binding));
}

function hasAncestorIn(path: NodePath, nodes: Set<t.Node>): boolean {
  for (let current = path.parentPath; current; current = current.parentPath) if (nodes.has(current.node)) return true;
  return false;
}

/** The identifiers in an expression that is about to leave the tree (a captureContext callee) stop being references. */
export function forgetReferences(path: NodePath): void {
  const forget = (identifier: NodePath<t.Identifier>) => {
    const binding = identifier.scope.getBinding(identifier.node.name);
    if (!binding) return;
    const index = binding.referencePaths.indexOf(identifier);
    if (index === -1) return;
    binding.referencePaths.splice(index, 1);
    binding.references = binding.referencePaths.length;
    binding.referenced = binding.references > 0;
  };
  if (path.isIdentifier()) forget(path);
  else path.traverse(forgetVisitor, { forget });
}

const forgetVisitor = {
  ReferencedIdentifier(path: NodePath<t.Identifier | t.JSXIdentifier>, state: { forget: (path: NodePath<t.Identifier>) => void }) {
    if (path.isIdentifier()) state.forget(path);
  },
};
