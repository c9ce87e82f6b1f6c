// The demo's own small Babel transform that derives the two comparison variants from the same example sources:
//   mode "strip": drops the markers — the marker comments go, `captureContext(fn)` becomes `fn` — so nothing
//                 captures (otherwise captureContext's runtime fallback would quietly fix the bug);
//   mode "bind":  wraps every marked callback in `AsyncLocalStorage.bind(...)`, i.e. what you would write by hand at
//                 each hand-off point.
// It supports the marker positions the examples use and refuses any other, so a variant can never silently differ.
// (This file's comments avoid spelling the marker out: `unproxy explain examples` would take them for markers.)
export const MARKER = /(^|[\s*])@unproxy(?=$|[\s*])/;

function isCaptureContextCall(path) {
  const callee = path.get("callee");
  if (!callee.isIdentifier()) return false;
  const binding = path.scope.getBinding(callee.node.name);
  if (!binding || binding.kind !== "module" || !binding.path.isImportSpecifier()) return false;
  const imported = binding.path.node.imported;
  const name = imported.type === "Identifier" ? imported.name : imported.value;
  return name === "captureContext" && binding.path.parentPath.node.source.value === "unproxy";
}

function removeUnusedRuntimeImports(program) {
  program.scope.crawl();
  for (const statement of program.get("body")) {
    if (!statement.isImportDeclaration() || statement.node.source.value !== "unproxy") continue;
    for (const specifier of statement.get("specifiers")) {
      const binding = program.scope.getBinding(specifier.node.local.name);
      if (binding && !binding.referenced) specifier.remove();
    }
    if (statement.node.specifiers.length === 0) statement.remove();
  }
}

export default function unproxyDemoVariant({ types: t }, { mode }) {
  if (mode !== "strip" && mode !== "bind") throw new Error(`unproxy demo: mode must be "strip" or "bind"`);
  return {
    name: "unproxy-demo-variant",
    visitor: {
      Program(program, state) {
        let bindId;
        const bind = (fn) => {
          bindId ??= program.scope.generateUidIdentifier("AsyncLocalStorage");
          return t.callExpression(t.memberExpression(t.cloneNode(bindId), t.identifier("bind")), [fn]);
        };
        let commentMarkers = 0;
        program.traverse({
          "ArrowFunctionExpression|FunctionExpression"(path) {
            const marker = path.node.leadingComments?.find((comment) => MARKER.test(comment.value));
            if (!marker) return;
            commentMarkers += 1;
            path.node.leadingComments = path.node.leadingComments.filter((comment) => comment !== marker);
            marker.ignore = true;
            if (mode === "bind") path.replaceWith(bind(path.node));
          },
          CallExpression(path) {
            if (!isCaptureContextCall(path)) return;
            const [fn] = path.node.arguments;
            path.replaceWith(mode === "bind" ? bind(fn) : fn);
          },
        });
        const allMarkers = state.file.ast.comments.filter((comment) => MARKER.test(comment.value)).length;
        if (allMarkers !== commentMarkers) {
          throw new Error(`unproxy demo: ${state.filename} has an @unproxy comment in a position this transform ` +
            `does not handle; keep markers directly before the arrow or function expression`);
        }
        if (bindId) {
          program.unshiftContainer("body", t.importDeclaration(
            [t.importSpecifier(bindId, t.identifier("AsyncLocalStorage"))], t.stringLiteral("node:async_hooks")));
        }
        removeUnusedRuntimeImports(program);
      },
    },
  };
}
