// How the plugin's cost grows with the input, measured (not asserted): `node scripts/plugin-scale.mjs` after
// `npm run build`. (1) N marked closures in one function declaration referenced N times: Babel alone against Babel
// with the plugin. (2) Nesting: the deepest chain of nested marked closures whose output Node still parses.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const babel = require("@babel/core");
const plugin = require("../dist/cjs/plugin/index.js").default;

function closuresInOneDeclaration(n) {
  const lines = ['import { request } from "./context";', "const value = request;", "function helper() {"];
  for (let i = 0; i < n; i++) lines.push(`  queue.push(/* @unproxy */ () => [value.id, ${i}]);`);
  lines.push("}");
  for (let i = 0; i < n; i++) lines.push(`export const ref${i} = () => helper();`);
  return lines.join("\n");
}

function nested(depth) {
  let body = "request.id";
  for (let i = 0; i < depth; i++) body = `/* @unproxy */ () => [request.id, ${body}]`;
  return `import { request } from "./context";\nexport const f = ${body};`;
}

const compile = (code, plugins) =>
  babel.transformSync(code, { filename: "scale.js", configFile: false, babelrc: false, plugins, sourceType: "module" }).code;

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

console.log("closures  babel alone  with plugin  ratio");
for (const n of process.argv.includes("--depth-only") ? [] : [500, 1000, 2000, 4000]) {
  const code = closuresInOneDeclaration(n);
  compile(code, []); // warm-up
  const alone = Math.min(time(() => compile(code, [])), time(() => compile(code, [])));
  const withPlugin = Math.min(time(() => compile(code, [plugin])), time(() => compile(code, [plugin])));
  console.log(`${String(n).padStart(8)}  ${alone.toFixed(0).padStart(9)} ms  ${withPlugin.toFixed(0).padStart(9)} ms  ${(withPlugin / alone).toFixed(2)}`);
}

const parses = (code) => {
  try {
    const body = code.replace(/^import .*$/gm, "").replace(/^export /m, "");
    new Function("request", "_unproxy", "_unproxyImport", body);
    return true;
  } catch (error) {
    if (error instanceof RangeError || /too much recursion|stack/i.test(String(error))) return false;
    throw error;
  }
};
function deepest(transform) {
  let low = 1;
  let high = 4096;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    let ok;
    try {
      ok = parses(transform(nested(mid)));
    } catch {
      ok = false; // Babel itself ran out of stack
    }
    if (ok) low = mid;
    else high = mid - 1;
  }
  return low;
}
console.log(`deepest nested marked closures Node parses: source ${deepest((c) => c)}, plugin output ${deepest((c) => compile(c, [plugin]))}`);
