// The runtime must run under a strict Content-Security-Policy: no eval, no Function constructor, in the sources
// and in what the build ships.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDist, root } from "./support/dist";

beforeAll(ensureDist);

const forbidden = /\beval\s*\(|\bnew\s+Function\s*\(|(?<![.\w])Function\s*\(|\bsetTimeout\s*\(\s*["'`]/;

test.each(["src/runtime", "dist/esm/runtime", "dist/cjs/runtime"])("%s has no eval or Function constructor", (dir) => {
  const files = readdirSync(join(root, dir)).filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith(".d.ts"));
  expect(files).toContain(dir.startsWith("src") ? "proxy.ts" : "proxy.js");
  const offenders = files.filter((file) => forbidden.test(readFileSync(join(root, dir, file), "utf8")));
  expect(offenders).toEqual([]);
});

test("the pattern catches what it should", () => {
  expect(["eval('1')", "new Function('a', 'b')", "const f = Function('x')", "setTimeout('x()', 1)"].every((code) =>
    forbidden.test(code),
  )).toBe(true);
  expect(forbidden.test("function bind() {} Reflect.apply(fn, a, b) typeof x === 'function'")).toBe(false);
});
