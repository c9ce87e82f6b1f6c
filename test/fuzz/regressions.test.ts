// Hand-written differential cases next to the generated ones: forms the generator does not produce (class fields,
// methods, generators, TypeScript wrappers, preset-env for an ES5 target). Each runs compiled by the plugin and
// uncompiled (captureContext fallback) and both must log the same. MARK( stands for the marker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compile, execute } = require("./run-program.cjs");

const HEAD = `"use strict";
const { createContext, contextProxy, captureContext } = require("unproxy");
const { log, call, q } = require("fuzz-prelude");
const c0 = createContext("c0");
const p0 = contextProxy(c0);
`;
const inB = `c0.run({ id: "B" }, () => { for (const f of q.splice(0)) log(f()); });`;

async function differential(body: string, pipeline = "script") {
  const run = async (marker: string, variant: string) => {
    const src = `${HEAD}async function main() {\n${body.replace(/MARK\(/g, marker)}\n}\nexports.default = main;\n`;
    return (await execute(compile(src, variant, pipeline))).out;
  };
  return { compiled: await run("/* @unproxy */ (", "plugin"), fallback: await run("captureContext(", "fallback") };
}

// Every row names its pipeline: jest.each would pass `done` in place of a missing last argument.
const SAME: [string, string, string][] = [
  ["object property", `c0.run({ id: "A" }, () => { const o = { k: MARK(() => p0.id) }; q.push(o.k); }); ${inB}`, "script"],
  ["class field keeps this", `c0.run({ id: "A" }, () => { class K { t = "t"; h = MARK(() => this.t + p0.id); } q.push(new K().h); }); ${inB}`, "script"],
  ["method this", `c0.run({ id: "A" }, () => { const o = { t: "T", m: MARK(function () { return this.t + p0.id; }) }; q.push(() => o.m()); }); ${inB}`, "script"],
  ["named function expression recursion", `c0.run({ id: "A" }, () => { q.push(() => f(2)); const f = MARK(function g(n) { return n ? g(n - 1) : p0.id; }); }); ${inB}`, "script"],
  ["for (var) closures", `c0.run({ id: "A" }, () => { for (var i = 0; i < 3; i++) q.push(MARK(() => p0.id + i)); }); ${inB}`, "script"],
  ["for (let) closures", `c0.run({ id: "A" }, () => { for (let i = 0; i < 3; i++) q.push(MARK(() => p0.id + i)); }); ${inB}`, "script"],
  ["catch parameter holding the proxy", `c0.run({ id: "A" }, () => { try { throw p0; } catch (err) { q.push(MARK(() => err.id)); } }); ${inB}`, "script"],
  ["closure writes an outer let", `let n = 0; c0.run({ id: "A" }, () => { q.push(MARK(() => p0.id + ++n)); }); n = 10; ${inB}`, "script"],
  ["later let (TDZ at creation)", `c0.run({ id: "A" }, () => { q.push(MARK(() => p0.id + after)); }); const after = "z"; ${inB}`, "script"],
  ["super in a marked arrow, classes compiled for IE 11",
    `c0.run({ id: "A" }, () => { class A { m() { return "b"; } } class D extends A { m() { return MARK(() => super.m() + p0.id); } } q.push(new D().m()); }); ${inB}`,
    "env-ie11"],
  ["arguments and this in marked arrows, IE 11",
    `function outer() { c0.run({ id: "A" }, () => { q.push(MARK(() => arguments[0] + this.t + p0.id)); }); } outer.call({ t: "t" }, "x"); ${inB}`,
    "env-ie11"],
  ["destructured parameters with defaults reading the proxy, IE 11",
    `c0.run({ id: "A" }, () => { q.push(MARK(({ a = p0.id } = {}, [b = p0] = []) => a + b.id)); }); ${inB}`, "env-ie11"],
  ["TypeScript `as` around the marked arrow", `c0.run({ id: "A" }, () => { q.push((MARK(() => p0.id)) as () => string); }); ${inB}`, "ts"],
  ["async closure awaited in another context",
    `await c0.run({ id: "A" }, async () => { q.push(MARK(async () => { await null; return p0.id; })); });
     await c0.run({ id: "B" }, async () => { for (const f of q.splice(0)) log(await f()); });`, "script"],
];

test.each(SAME)("%s: compiled and uncompiled agree", async (_name, body, pipeline) => {
  const r = await differential(body, pipeline);
  expect(r.compiled.length).toBeGreaterThan(0);
  expect(r.compiled).toEqual(r.fallback);
});

// Runtime bugs the fuzz work found, fixed in src/runtime/capture.ts: the fallback ran a generator's body (in next())
// outside the snapshot, and `new` on the wrapper built an instance that was not instanceof the wrapper.
const GENERATOR_READ = `c0.run({ id: "A" }, () => { q.push(MARK(function* () { yield p0.id; })); });
  c0.run({ id: "B" }, () => { for (const g of q.splice(0)) log([...g()].join()); });`;
test("generator function: the fallback read the creation context in next()", async () => {
  expect(await differential(GENERATOR_READ)).toEqual({ compiled: ["A"], fallback: ["A"] });
});
test("new on a marked function: the instance is instanceof the function the caller holds", async () => {
  const body = `c0.run({ id: "A" }, () => { q.push(MARK(function K() { this.v = p0.id; })); });
    c0.run({ id: "B" }, () => { for (const F of q.splice(0)) log(new F() instanceof F); });`;
  expect(await differential(body)).toEqual({ compiled: ["true"], fallback: ["true"] });
});

// Fixed: the fallback once recognised a generator function by its tag, which an async generator transpiled for an old
// target (preset-env: _wrapAsyncGenerator) does not carry; it now recognises the iterator a call returns.
test("async generator transpiled by preset-env: the fallback should read the creation context", async () => {
  const body = `c0.run({ id: "A" }, () => { q.push(MARK(async function* () { yield p0.id; })); });
    await c0.run({ id: "B" }, async () => { for (const g of q.splice(0)) for await (const v of g()) log(v); });`;
  expect(await differential(body, "env-ie11")).toEqual({ compiled: ["A"], fallback: ["A"] });
});
