// The differences between a compiled marked closure and the uncompiled captureContext fallback that exist by design
// (the README's Reliability section lists them). The fuzz never generates them; here each is pinned to its documented
// behaviour, so a change on either side is noticed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compile, execute } = require("./run-program.cjs");

const HEAD = `"use strict";
const { createContext, contextProxy, captureContext } = require("unproxy");
const { log, report, call, q, drain } = require("fuzz-prelude");
const c0 = createContext("c0");
const p0 = contextProxy(c0);
const c1 = createContext("c1");
const p1 = contextProxy(c1);
`;

/** Runs `body` (with MARK( standing for the marker) compiled by the plugin and uncompiled; returns both logs. */
async function both(body: string, pluginOptions = {}) {
  const program = (marker: string) =>
    `${HEAD}async function main() {\n${body.replace(/MARK\(/g, marker)}\n}\nexports.default = main;\n`;
  const compiled = await execute(compile(program("/* @unproxy */ ("), "plugin", "script", pluginOptions));
  const fallback = await execute(compile(program("captureContext("), "fallback", "script"));
  return { compiled: compiled.out, fallback: fallback.out };
}

const laterInB = `c0.run({ id: "B" }, () => { for (const f of q.splice(0)) call(f); });`;

test("identity: inside the compiled closure the name is the object itself, uncompiled it is the proxy", async () => {
  const r = await both(`c0.run({ id: "A" }, () => { q.push(MARK(() => log(p0 === c0.get()))); q.splice(0).forEach(call); });`);
  expect(r).toEqual({ compiled: ["true"], fallback: ["false"] });
});

test("a run() inside the closure re-binding a captured context: compiled keeps the creation value", async () => {
  const r = await both(`c0.run({ id: "A" }, () => { q.push(MARK(() => c0.run({ id: "R" }, () => log(p0.id)))); }); ${laterInB}`);
  expect(r).toEqual({ compiled: ["A"], fallback: ["R"] });
});

test("a proxy unbound at creation: compiled throws UnboundContextError there, uncompiled when it is read", async () => {
  const body = `try { q.push(MARK(() => log(p0.id))); log("created"); } catch (e) { report(e); } ${laterInB}`;
  const r = await both(body);
  expect(r.compiled).toHaveLength(1);
  expect(r.compiled[0]).toMatch(/^E UnboundContextError \[UNPROXY_UNBOUND\] context "c0" has no value here\./);
  expect(r.fallback[0]).toBe("created");
  expect(r.fallback[1]).toMatch(/^E UnboundContextError \[UNPROXY_UNBOUND\] context "c0" has no value here\./);
});

test('unbound: "keep" keeps the proxy, which then reads the context current when the closure runs', async () => {
  const r = await both(`q.push(MARK(() => log(p0.id))); ${laterInB}`, { unbound: "keep" });
  expect(r.compiled).toEqual(["B"]);
  expect(r.fallback[0]).toMatch(/^E UnboundContextError/);
});

test("an indirect read (a function that reads the proxy, or ctx.get()) is live when compiled", async () => {
  const r = await both(`const read = () => p0.id; c0.run({ id: "A" }, () => { q.push(MARK(() => log(read(), c0.get().id, p0.id))); }); ${laterInB}`);
  expect(r).toEqual({ compiled: ["B B A"], fallback: ["A A A"] });
});

test("an explicit name list captures exactly those names; an unlisted proxy stays live", async () => {
  const body = `c0.run({ id: "A" }, () => c1.run({ id: "A1" }, () => { q.push(/* @unproxy p0 */ () => log(p0.id, p1.id)); }));
    c0.run({ id: "B" }, () => c1.run({ id: "B1" }, () => { for (const f of q.splice(0)) call(f); }));`;
  const compiled = await execute(compile(`${HEAD}async function main() {\n${body}\n}\nexports.default = main;\n`, "plugin", "script"));
  expect(compiled.out).toEqual(["A B1"]);
});
