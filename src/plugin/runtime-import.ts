// The runtime import, added lazily: only a file where something was captured gets it, and it gets it once.
import type { NodePath, types as t } from "@babel/core";
import { addNamed } from "@babel/helper-module-imports";

type Types = typeof t;

/** Returns a function giving a fresh reference to the runtime's export on each call (nodes must not be shared). */
export function lazyRuntimeImport(t: Types, program: NodePath<t.Program>, runtime: string, name: string) {
  let id: t.Identifier | undefined;
  return {
    reference(): t.Identifier {
      // helper-module-imports emits `import { x as _x }` in modules and `var _x = require(…).x` in scripts.
      id ??= addNamed(program, name, runtime, { nameHint: name }) as t.Identifier;
      return t.cloneNode(id);
    },
    get added(): boolean {
      return id !== undefined;
    },
  };
}
