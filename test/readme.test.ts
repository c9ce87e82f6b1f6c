// The README is the front door: its commands, examples and error table must stay true.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const readme = read("README.md");

test("the two quick-start commands are in the README, and CI runs exactly the test one", () => {
  expect(readme).toContain("npm ci && npm run demo");
  expect(readme).toContain("npm ci && npm test");
  expect(read(".ci/run")).toMatch(/^npm ci && npm test$/m);
});

test("every catalogued code is in the README's error tables", () => {
  const sources = ["src/plugin/messages.ts", "src/runtime/errors.ts", "src/cli/messages.ts"].map(read).join("\n");
  const codes = new Set(sources.match(/UNPROXY_(?:[ERC]\d{3}|UNBOUND)/g));
  expect(codes.size).toBeGreaterThan(20);
  // The reference tables live in docs/ (runtime.md, cli.md); the README may link there instead of copying them.
  const docs = ["docs/runtime.md", "docs/cli.md"].filter((file) => fs.existsSync(path.join(root, file)));
  const tables = [readme, ...docs.map(read)];
  const missing = [...codes].filter((code) => !tables.some((text) => new RegExp(`\\| \`?${code}\`? \\|`).test(text)));
  expect(missing).toEqual([]);
});

test('"How it works" shows the real input and output of fixtures/readme/how-it-works', () => {
  const blocks = [...readme.matchAll(/```(?:ts|js)\n\/\/ (input|output)\n([\s\S]*?)```/g)];
  const byKind = Object.fromEntries(blocks.map(([, kind, code]) => [kind, code.trim()]));
  expect(byKind.input).toBe(read("fixtures/readme/how-it-works/input.ts").trim());
  expect(byKind.output).toBe(read("fixtures/readme/how-it-works/output.ts").trim());
});

test("the options table lists every plugin option", () => {
  const options = read("src/plugin/options.ts").match(/^const shape = \{([\s\S]*?)\};/m)![1].match(/\w+(?=:)/g)!;
  expect(options.length).toBeGreaterThan(4);
  for (const option of options) expect(readme).toContain(`| \`${option}\` |`);
});
