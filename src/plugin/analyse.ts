// Analysis: everything the plugin needs to know about a file, read from the untouched tree and returned as data.
// The marker scan (markers.ts), then for each marked closure its free names (free-variables.ts), their
// classification (classify.ts), the `with` around it and whether its name can be kept (names.ts). No edits here.
import type { NodePath, types as t } from "@babel/core";
import { classify, type InitialisationOrder } from "./classify.js";
import { freeVariables } from "./free-variables.js";
import { scan } from "./markers.js";
import { nameProblem } from "./names.js";
import type { ResolvedOptions } from "./options.js";
import type { Analysis, ClosureFacts } from "./types.js";

type Types = typeof t;

export function analyse(t: Types, program: NodePath<t.Program>, options: ResolvedOptions): Analysis {
  const found = scan(t, program, options.runtimes, options.markAll);
  const closures: ClosureFacts[] = [];
  if (found.marked.length === 0) return { ...found, closures };
  const order: InitialisationOrder = new Map();
  for (const item of found.marked) {
    const free = freeVariables(item.fn, t);
    closures.push({
      item,
      free,
      classification: classify(item.fn, free, item.names, options, order),
      within: found.withs.find((w) => w.isDescendant(item.fn) || item.fn.isDescendant(w)),
      nameProblem: nameProblem(item.fn, item.call),
      loc: item.fn.node.loc?.start,
    });
  }
  return { ...found, closures };
}
