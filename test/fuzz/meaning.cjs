"use strict";
// Meaning-preservation fuzz: programs in which every context stays bound to the same value, so a marked closure must
// behave exactly as the same closure unmarked. Compiled by the plugin and run, each program must print what the
// original prints. The program space is where round 1's outside testers found bugs the first fuzzer never generated:
// TypeScript wrappers on both sides of assignments, enums, namespaces, parameter properties and `satisfies`;
// sloppy scripts whose `arguments` aliases parameters; computed, `__proto__`, `arguments` and `eval` keys and the names
// JavaScript infers from them; user Proxies and revoked proxies among captured values (a trap log shows any extra
// read); several modules with re-exports, live `export let` bindings and import cycles.
const fc = require("fast-check");

/** One statement pool per program kind; each entry builds a line from the generator's choices. */
function statements(kind) {
  const ts = kind === "ts";
  const sloppy = kind === "sloppy";
  const as = (name) => (ts ? `(${name} as any)` : name);
  const bang = (name) => (ts ? `${name}!` : name);
  const pool = [
    // reads of every kind of captured value
    () => `out.push(/* @unproxy */ () => [a, b, typeof f, t.seen.length]);`,
    () => `out.push(/* @unproxy */ () => { try { return typeof r; } catch (e) { return "threw " + e.constructor.name; } });`,
    () => `out.push(/* @unproxy */ () => String(a) + String(b));`,
    // writes outside the closure, through wrappers
    () => `${as("a")} = a + 1;`,
    () => `${bang("b")} = 10;`,
    () => `(${bang("a")})++;`,
    () => `[${as("b")}] = [b * 2];`,
    () => `({ v: ${bang("a")} } = { v: 7 });`,
    // writes inside a marked closure
    () => `out.push(/* @unproxy */ () => { ${as("a")} = 3; return a; });`,
    () => `out.push(/* @unproxy */ () => { [${as("b")}] = [4]; return b; });`,
    // names inferred from keys
    () => `out.push((({ [k]: /* @unproxy */ () => a })[k]).name);`,
    () => `out.push((({ [sym]: /* @unproxy */ () => a })[sym]).name);`,
    () => `out.push((({ [3 + 4]: /* @unproxy */ () => a })[7]).name);`,
    () => `out.push((({ arguments: /* @unproxy */ () => a }).arguments).name);`,
    () => `out.push((({ eval: /* @unproxy */ () => [a, b] }).eval).name);`,
    () => `out.push(Object.getPrototypeOf({ __proto__: /* @unproxy */ function () { return a; } }).name);`,
    () => `out.push((new (class { [k] = /* @unproxy */ () => a; })())[k].name);`,
    () => `out.push((new (class { eval = /* @unproxy */ () => b; })()).eval.name);`,
    () => `const named${uid()} = /* @unproxy */ () => a; out.push(named${lastUid()}.name);`,
  ];
  if (sloppy) {
    pool.push(
      () => `arguments[0] = "aliased";`,
      () => `touch(arguments);`,
      () => `out.push(arguments[1]);`,
    );
  }
  if (ts) {
    pool.push(
      () => `out.push(/* @unproxy */ () => Color.Red + Space.value);`,
      () => `out.push(/* @unproxy */ (() => a) satisfies () => unknown);`,
      () => `out.push(new Holder(a).read());`,
    );
  }
  return pool;
}

let counter = 0;
const uid = () => ++counter;
const lastUid = () => counter;

const PRELUDE = `
const t = { seen: [] };
const f = new Proxy({}, { get(target, key) { t.seen.push(String(key)); return Reflect.get(target, key); } });
const revocable = Proxy.revocable({}, {});
revocable.revoke();
const r = revocable.proxy;
const k = "key";
const sym = Symbol("described");
function touch(args) { args[0] = "touched"; }
`;

const TS_DECLS = `
enum Color { Red = 1 }
namespace Space { export const value = 2; }
class Holder { constructor(private readonly value: unknown) {} read = /* @unproxy */ () => this.value; }
`;

/** Settles every pushed closure (calls them) and prints the log; trap reads are part of what is compared. */
const EPILOGUE = `
const printed = out.map((item) => (typeof item === "function" ? item() : item));
console.log(JSON.stringify([printed, a, b, t.seen]));
`;

function programArb(kind) {
  const pool = statements(kind);
  return fc.array(fc.nat(pool.length - 1), { minLength: 1, maxLength: 12 }).map((choices) => {
    counter = 0;
    const body = choices.map((choice) => pool[choice]()).join("\n  ");
    const params = kind === "sloppy" ? "a, b" : kind === "ts" ? "a: any, b: any" : "a, b";
    const code =
      (kind === "sloppy" ? "" : '"use strict";\n') +
      (kind === "ts" ? TS_DECLS : "") +
      PRELUDE +
      `function main(${params}) {\n  const out${kind === "ts" ? ": any[]" : ""} = [];\n  ${body}\n  ${EPILOGUE}\n}\n` +
      `main(1, 2);\n`;
    return { kind, code };
  });
}

/** Several modules: re-exports, a live `export let` the exporter changes before the closure is created, a cycle. */
function modulesArb() {
  return fc.record({ cycle: fc.boolean(), bumpBefore: fc.boolean(), reexport: fc.boolean() }).map((shape) => {
    const from = shape.reexport ? "./reexport.mjs" : "./state.mjs";
    const modules = {
      "state.mjs": `export let counter = 0;\nexport function bump() { counter++; }\nexport const config = { mode: "on" };\n`,
      "reexport.mjs": `export { counter, bump, config } from "./state.mjs";\n`,
      "a.mjs": shape.cycle
        ? `import { early } from "./b.mjs";\nexport const settings = { ready: true };\nexport { early };\n`
        : `export const settings = { ready: true };\nexport const early = () => "none";\n`,
      "b.mjs": `import { settings } from "./a.mjs";\nexport const early = /* @unproxy */ () => settings.ready;\n`,
      "main.mjs":
        `import { counter, bump, config } from "${from}";\nimport { early } from "./a.mjs";\n` +
        (shape.bumpBefore ? "bump();\n" : "") +
        `function make() { return /* @unproxy */ () => [counter, config.mode]; }\n` +
        `const made = make();\n` +
        `console.log(JSON.stringify([made(), early()]));\n`,
    };
    return { kind: "modules", modules };
  });
}

module.exports = { programArb, modulesArb };
