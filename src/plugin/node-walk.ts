// A walk over bare nodes in the order Babel's traversal visits them, keeping the chain of ancestors, and paths built
// on demand for the few nodes that need one. A path traversal pays for a path, a context and a queue per node; most
// nodes the plugin looks at only need their type and children, so analysis walks nodes and asks for paths (and so
// scopes) only where a question needs Babel's scope data.
import type { NodePath, types as t } from "@babel/core";

/** Where a node sits: its parent's property `key`, and its `index` in that list (-1 when the property is no list). */
export interface Step {
  node: t.Node;
  key: string;
  index: number;
}

/** Called for every node below the root; `steps[0..depth]` lead from the root to it. Returning false skips its children. */
export type Visit = (node: t.Node, steps: readonly Step[], depth: number) => boolean | void;

type VisitorKeys = Record<string, readonly string[] | undefined>;

/**
 * Visits the root's descendants (not the root), depth first, children in visitor-key order: the order of Babel's own
 * traversal with the same `VISITOR_KEYS` (pass the running Babel's, `api.types.VISITOR_KEYS`).
 */
export function walkDescendants(keys: VisitorKeys, root: t.Node, visit: Visit): void {
  descend(keys, root, 0, [{ node: root, key: "", index: -1 }], visit);
}

// One Step object per depth, reused: nothing is allocated per node.
function descend(keys: VisitorKeys, node: t.Node, depth: number, steps: Step[], visit: Visit): void {
  const nodeKeys = keys[node.type];
  if (nodeKeys === undefined) return;
  const childDepth = depth + 1;
  let step = steps[childDepth];
  if (step === undefined) steps[childDepth] = step = { node, key: "", index: -1 };
  for (const key of nodeKeys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (value == null) continue;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const child = value[index] as t.Node | null;
        if (!child) continue;
        step.node = child;
        step.key = key;
        step.index = index;
        if (visit(child, steps, childDepth) !== false) descend(keys, child, childDepth, steps, visit);
      }
    } else {
      step.node = value as t.Node;
      step.key = key;
      step.index = -1;
      if (visit(value as t.Node, steps, childDepth) !== false) descend(keys, value as t.Node, childDepth, steps, visit);
    }
  }
}

/**
 * Paths of nodes below `root`, from their steps. Each path is Babel's own (cached) path, obtained with `get` from its
 * parent's path, so it carries the same scope as the one a traversal would give. The walk asks in traversal order, so
 * the paths of the last node asked for (and the lists they sit in) are kept and reused for the next one's ancestors:
 * a list is turned into paths once, however many of its elements are asked for.
 */
export class PathFinder {
  /** The paths from the root to the last node asked for, and for each the list of paths it was taken from. */
  private readonly chain: NodePath[];
  private readonly lists: (NodePath[] | undefined)[] = [undefined];

  constructor(private readonly root: NodePath) {
    this.chain = [root];
  }

  pathAt(steps: readonly Step[], depth: number): NodePath {
    if (steps[0].node !== this.root.node) throw new Error("unproxy: internal error: steps from another root");
    const { chain, lists } = this;
    let d = 1;
    while (d <= depth && d < chain.length && chain[d].node === steps[d].node) d++;
    for (; d <= depth; d++) {
      const parent = chain[d - 1];
      const { node, key, index } = steps[d];
      let next: NodePath;
      if (index === -1) {
        next = parent.get(key) as NodePath;
        lists[d] = undefined;
      } else {
        // The same list as the previous node at this depth (a sibling), or a new one.
        const container = (parent.node as unknown as Record<string, unknown>)[key];
        const previous = lists[d];
        const list = previous !== undefined && previous[0]?.container === container && previous[0].parentPath === parent
          ? previous
          : (parent.get(key) as unknown as NodePath[]);
        lists[d] = list;
        next = list[index];
      }
      if (next?.node !== node) throw new Error("unproxy: internal error: a path does not lead to its node");
      chain[d] = next;
    }
    chain.length = depth + 1;
    lists.length = depth + 1;
    return chain[depth];
  }
}
