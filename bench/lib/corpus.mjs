// The build benchmark's inputs: (a) real, marker-free code shipped by published npm packages found in
// node_modules, (b) a generated marker-dense TypeScript file.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const nm = join(root, "node_modules");

// Package, folder inside it, and which files count. TypeScript sources first (packages that ship src/*.ts),
// then compiled JavaScript libraries. Test files are skipped; declaration files are not code.
const SOURCES = [
  ["@jridgewell/gen-mapping", "src", /\.ts$/],
  ["@jridgewell/trace-mapping", "src", /\.ts$/],
  ["@jridgewell/sourcemap-codec", "src", /\.ts$/],
  ["@jridgewell/remapping", "src", /\.ts$/],
  ["@bcoe/v8-coverage", "src/lib", /\.ts$/],
  ["@jest/pattern", "src", /\.ts$/],
  ["@jest/snapshot-utils", "src", /\.ts$/],
  ["@babel/core", "src", /\.ts$/],
  ["@babel/generator", "lib", /\.js$/],
  ["@babel/traverse", "lib", /\.js$/],
  ["@babel/core", "lib", /\.js$/],
  ["jest-circus", "build", /\.js$/],
  ["expect", "build", /\.js$/],
  ["jest-snapshot", "build", /\.js$/],
  ["jest-runtime", "build", /\.js$/],
];
const SKIP = /(\.d\.[cm]?ts$|__tests__|\.test\.|\.map$)/;

function walk(dir, test, out) {
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    if (SKIP.test(file)) continue;
    if (statSync(file).isDirectory()) walk(file, test, out);
    else if (test.test(name)) out.push(file);
  }
  return out;
}

/**
 * The real-code corpus: { files: [{ filename, code }], packages: [{ name, version, dir, files, bytes }], bytes }.
 * `limitBytes` trims it for --quick. Files containing a marker are excluded so the corpus is marker-free.
 */
export function realCorpus(limitBytes = Infinity) {
  const files = [];
  const packages = [];
  let bytes = 0;
  for (const [pkg, sub, test] of SOURCES) {
    const dir = join(nm, pkg, sub);
    if (!existsSync(dir) || bytes >= limitBytes) continue;
    const { version } = JSON.parse(readFileSync(join(nm, pkg, "package.json"), "utf8"));
    const entry = { name: pkg, version, dir: `${sub}/`, files: 0, bytes: 0 };
    for (const filename of walk(dir, test, [])) {
      if (bytes >= limitBytes) break;
      const code = readFileSync(filename, "utf8");
      if (/@unproxy\b|captureContext/.test(code)) continue;
      files.push({ filename, code, name: relative(nm, filename) });
      entry.files++;
      entry.bytes += code.length;
      bytes += code.length;
    }
    if (entry.files) packages.push(entry);
  }
  return { files, packages, bytes };
}

/** A TypeScript module with a marked closure every four lines, capturing context proxies and locals. */
export function denseFile(closures = 400) {
  const lines = [
    `import { contextProxy, createContext } from "unproxy";`,
    `interface Request { user: { id: number; name: string }; path: string }`,
    `const requestContext = createContext<Request>("request");`,
    `export const request = contextProxy(requestContext);`,
    `declare function audit(...values: unknown[]): void;`,
    `const queue: Array<() => void> = [];`,
  ];
  for (let i = 0; i < closures; i++) {
    lines.push(
      `export function handler${i}(count: number, label: string): void {`,
      `  const tag = label + "${i}";`,
      `  queue.push(/* @unproxy */ () => audit(request.user.id, request.path, tag, count * ${i}));`,
      `}`,
    );
  }
  return { filename: join(root, "bench/generated/dense.ts"), code: lines.join("\n") + "\n", name: "dense.ts" };
}
