// The runtime import, added lazily: only a file where something was captured gets it, and it gets it once.
import type { NodePath, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";
import { addNamed } from "@babel/helper-module-imports";

type Types = typeof t;

/**
 * `reference()` gives a fresh identifier for the runtime's export on each call (nodes must not be shared); once that
 * identifier is in the tree, `register(path)` records it as a reference of the import binding. Scope data is kept
 * current this way, not by re-crawling the program: TypeScript's import elision, which runs later and reads
 * `binding.referencePaths`, must see the import as used.
 */
export function lazyRuntimeImport(t: Types, program: NodePath<t.Program>, runtime: string, name: string) {
  let id: t.Identifier | undefined;
  let binding: Binding | undefined;
  return {
    reference(): t.Identifier {
      if (!id) {
        // helper-module-imports emits `import { x as _x }` (or appends `x as _x` to an existing import of the runtime)
        // in modules and `var _x = require(…).x` in scripts; it registers no binding for it.
        id = addNamed(program, name, runtime, { nameHint: name }) as t.Identifier;
        binding = registerDeclaration(program, id.name);
      }
      return t.cloneNode(id);
    },
    register(path: NodePath<t.Identifier>): void {
      binding?.reference(path);
    },
    get added(): boolean {
      return id !== undefined;
    },
  };
}

export type RuntimeImport = ReturnType<typeof lazyRuntimeImport>;

function registerDeclaration(program: NodePath<t.Program>, name: string): Binding | undefined {
  const existing = program.scope.getOwnBinding(name);
  if (existing) return existing;
  for (const statement of program.get("body")) {
    if (declares(statement.node, name)) {
      program.scope.registerDeclaration(statement);
      return program.scope.getOwnBinding(name);
    }
  }
  return undefined;
}

function declares(statement: t.Statement, name: string): boolean {
  if (statement.type === "ImportDeclaration") return statement.specifiers.some((specifier) => specifier.local.name === name);
  if (statement.type === "VariableDeclaration") {
    return statement.declarations.some((declarator) => declarator.id.type === "Identifier" && declarator.id.name === name);
  }
  return false;
}
