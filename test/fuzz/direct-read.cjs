"use strict";
// Direct-read fuzz: programs built to break the plugin's fast paths, where a captured proxy is read without the
// generic `unproxy(p)`: `unproxyFrom(C, p)` for a `const p = contextProxy(C)` it proved, the per-closure
// `(_v = unproxyValueOf(C)) ?? unproxy(p1)`, `_v ?? unproxy(p2)` for several proxies of one context, and
// `unproxyIn(_s = unproxyScope(), a)`, `unproxyIn(_s, b)` for several other module-level names (one store read).
// direct-read-run.cjs runs each compiled program against the real runtime and against one whose fast paths are their
// generic definitions; a wrong proof (p is not that context's proxy there, C shadowed, reassigned or not yet
// initialised, a cache shared by a re-entered creation) prints differently.
const fc = require("fast-check");

const PROXY_KINDS = [
  "ctx", "ctx", "ctx", "ctxNamed", "getter", "getterConst", "resource", "tryGet", "userSource", "ofProxy", "reentrant",
  "letWritten", "alias", "namespace", "var", "destructured", "member", "seqInit", "seqCallee",
];
const LOCAL_KINDS = ["ctx", "ctx", "ctx", "reentrant", "getter", "impostor", "ofLocal"];
const SHADOWS = ["none", "none", "param", "const", "catch", "forOf", "varLater", "classDecl", "namedFn", "closureParam"];
const POSITIONS = [
  "fnBody", "fnBody", "arrowBody", "concise", "defaultParam", "classField", "staticField", "staticBlock", "generator",
  "async", "loopBody", "loopUpdate", "recursion", "mapCallback", "getter", "method", "ifTest", "switchCase",
  "tryFinally", "topLevel", "forOfHead", "labeled", "conditional", "constructor", "computedKey", "iife",
];
/** Positions whose maker is a function declaration: callable before the module body reaches it (hoisting, cycles). */
const HOISTED = new Set(["fnBody", "generator", "async", "loopBody", "loopUpdate", "recursion", "ifTest", "switchCase",
  "tryFinally", "labeled", "defaultParam"]);
/** Positions whose closure sits inside a function body (statement context), where locals and block shadows fit. */
const EXPRESSION_ONLY = new Set(["concise", "classField", "staticField", "conditional", "defaultParam"]);
/** Positions that hand the closure on with `return` (a named-function-expression shadow can wrap them). */
const RETURNING = new Set(["fnBody", "arrowBody", "mapCallback", "getter", "method", "switchCase", "tryFinally",
  "labeled", "iife", "forOfHead", "ifTest"]);
/** Positions where the shadow can be a parameter (of the maker, or of an arrow around the closure). */
const PARAM_SHADOW = new Set(["fnBody", "arrowBody", "defaultParam", "method", "concise", "generator", "async",
  "classField", "staticField", "conditional", "topLevel"]);
const BIND_KINDS = ["obj", "obj", "obj", "obj", "num", "str", "nul", "undef", "fn", "proxy"];
const VALUES = ["n1", "o1", "f1", "u1", "u2", "r1", "s1"];

const bindArb = fc.array(fc.record({ ctx: fc.nat(5), kind: fc.constantFrom(...BIND_KINDS), proxy: fc.nat(7) }), {
  maxLength: 4,
});

const siteArb = fc.record({
  position: fc.constantFrom(...POSITIONS),
  shadow: fc.constantFrom(...SHADOWS),
  shadowed: fc.nat(3),
  shadowWith: fc.nat(3),
  shadowAll: fc.boolean(),
  locals: fc.array(fc.record({ kind: fc.constantFrom(...LOCAL_KINDS), ctx: fc.nat(3) }), { maxLength: 3 }),
  captures: fc.array(fc.nat(30), { minLength: 1, maxLength: 6 }),
  reads: fc.nat(3),
  marker: fc.constantFrom("comment", "comment", "comment", "call"),
  // Two proxies of one context around a getter proxy that re-enters every maker with other values bound.
  sandwich: fc.constantFrom(false, false, "a", "b"),
  calls: fc.array(fc.record({ all: fc.boolean(), bind: bindArb }), { minLength: 1, maxLength: 2 }),
});

const programShape = {
  options: fc.record({ unbound: fc.constantFrom("throw", "throw", "keep"), capture: fc.constantFrom("auto", "auto", "known") }),
  c3: fc.constantFrom("none", "never", "before", "after", "varRedeclared"),
  proxies: fc.array(fc.record({ kind: fc.constantFrom(...PROXY_KINDS), ctx: fc.nat(3), of: fc.nat(7) }), {
    minLength: 1,
    maxLength: 6,
  }),
  sites: fc.array(siteArb, { minLength: 1, maxLength: 4 }),
  early: fc.constantFrom(false, false, true),
};

const IMPORTS =
  `import { createContext, contextProxy, createResource, captureContext, contextProxy as cpAlias } from "unproxy";\n` +
  `import * as U from "unproxy";\nimport { __p } from "./prelude.mjs";\n`;

const VALUE_DECLS = `const n1 = 42;
const s1 = Symbol.for("s1");
const o1 = __p.obj("o1");
const f1 = __p.tag(function f1() {}, "f1");
const u1 = __p.tag(new Proxy({ name: "u1" }, __p.trapLog("u1")), "u1");
const u2 = __p.tag(new Proxy(function u2() {}, __p.trapLog("u2")), "u2");
const CONTEXTS = { C1, C2, C4, get C3() { return typeof C3 === "undefined" ? C1 : C3; } };
const sw1 = contextProxy(C1); __p.tag(sw1, "sw1");
const sw2 = contextProxy(C1); __p.tag(sw2, "sw2");
const sw3 = contextProxy(C2); __p.tag(sw3, "sw3");
const sw4 = contextProxy(C2); __p.tag(sw4, "sw4");
const swG = contextProxy(() => { __p.say("get swG"); __p.reenter("swG"); return __p.fresh("swG"); }); __p.tag(swG, "swG");
const r1 = (() => { const r = Proxy.revocable(function r1() {}, {}); __p.tag(r.proxy, "r1"); r.revoke(); return r.proxy; })();
`;

/** The contexts a program declares, in order; the shape of C3 decides whether and when it is written. */
function contextNames(c3) {
  return c3 === "none" ? ["C1", "C2", "C4"] : ["C1", "C2", "C3", "C4"];
}

function contextDecls(c3) {
  const lines = [
    `const C1 = __p.context("C1", createContext("C1"));`,
    `const C2 = __p.context("C2", createContext("C2"));`,
    `const { C4 } = { C4: __p.context("C4", createContext("C4")) };`,
  ];
  if (c3 === "varRedeclared") lines.push(`var C3 = __p.context("C3", createContext("C3"));`);
  else if (c3 !== "none") lines.push(`let C3 = __p.context("C3", createContext("C3"));`);
  if (c3 === "before") lines.push(`C3 = __p.context("C3b", createContext("C3b"));`);
  return lines;
}

/** C3 written after the proxies of it were made: a fast path through C3 would read the new context. */
function contextWrites(c3) {
  if (c3 === "after") return [`C3 = __p.context("C3b", createContext("C3b"));`];
  if (c3 === "varRedeclared") return [`var C3 = __p.context("C3b", createContext("C3b"));`];
  return [];
}

/** A module-level proxy declaration (`p<i>`), of one of the kinds above. */
function proxyDecl({ kind, ctx, of }, i, contexts) {
  const name = `p${i}`;
  const c = contexts[ctx % contexts.length];
  const earlier = i > 1 ? `p${1 + (of % (i - 1))}` : "C1";
  const tag = `__p.tag(${name}, ${JSON.stringify(name)});`;
  switch (kind) {
    case "ctxNamed":
      return `const ${name} = contextProxy(${c}, { name: "${name}" }); ${tag}`;
    case "getter":
      return `const ${name} = contextProxy(() => { __p.say("get ${name}"); return __p.fresh("${name}"); }); ${tag}`;
    case "resource":
      return `const ${name}r = createResource(${c}, (v) => __p.fresh("${name}-of-" + __p.show(v)));\nconst ${name} = contextProxy(${name}r); ${tag}`;
    case "tryGet":
      return `const ${name}t = { name: "${name}", tryGet: () => { __p.say("tryGet ${name}"); return ${c}.tryGet(); } };\nconst ${name} = contextProxy(${name}t); ${tag}`;
    case "userSource":
      // A user's Proxy as the source: its traps log every read the runtime makes of it.
      return `const ${name}u = new Proxy({ name: "${name}", tryGet: () => ${c}.tryGet() }, __p.trapLog("${name}u"));\nconst ${name} = contextProxy(${name}u); ${tag}`;
    case "getterConst":
      return `const ${name}g = () => { __p.say("get ${name}"); return ${c}.tryGet(); };\nconst ${name} = contextProxy(${name}g); ${tag}`;
    case "member":
      return `const ${name} = contextProxy(CONTEXTS.${c}); ${tag}`;
    case "seqInit":
      return `const ${name} = (__p.say("init ${name}"), contextProxy(${c})); ${tag}`;
    case "seqCallee":
      return `const ${name} = (0, contextProxy)(${c}); ${tag}`;
    case "ofProxy":
      return i > 1
        ? `const ${name} = contextProxy(() => ${earlier}); ${tag}`
        : `const ${name} = contextProxy(${c}); ${tag}`;
    case "reentrant":
      return `const ${name} = contextProxy(() => { __p.say("get ${name}"); __p.reenter("${name}"); return __p.fresh("${name}"); }); ${tag}`;
    case "letWritten":
      return `let ${name} = contextProxy(${c}); ${tag}\n${name} = contextProxy(${contexts[(ctx + 1) % contexts.length]}); ${tag}`;
    case "alias":
      return `const ${name} = cpAlias(${c}); ${tag}`;
    case "namespace":
      return `const ${name} = U.contextProxy(${c}); ${tag}`;
    case "var":
      return `var ${name} = contextProxy(${c}); ${tag}`;
    case "destructured":
      return `const { ${name} } = { ${name}: contextProxy(${c}) }; ${tag}`;
    default:
      return `const ${name} = contextProxy(${c}); ${tag}`;
  }
}

/** A proxy declared inside the maker, next to the closure (`l<k>`). */
function localDecl({ kind, ctx }, name, contexts, previous) {
  const c = contexts[ctx % contexts.length];
  switch (kind) {
    case "reentrant":
      return `const ${name} = contextProxy(() => { __p.say("get ${name}"); __p.reenter("${name}"); return __p.fresh("${name}"); });`;
    case "getter":
      return `const ${name} = contextProxy(() => __p.fresh("${name}"));`;
    case "impostor":
      // renderSite declares a local function named contextProxy (not the runtime's; it swaps C1 and C2), which every
      // local of the site then calls.
      return `const ${name} = contextProxy(${c});`;
    case "ofLocal":
      return previous ? `const ${name} = contextProxy(() => ${previous});` : `const ${name} = contextProxy(${c});`;
    default:
      return `const ${name} = contextProxy(${c});`;
  }
}

/** Wraps statements in a scope where the context name `name` means something else (`other`). */
function shadowBlock(shadow, name, other, body) {
  switch (shadow) {
    case "const":
      return `{ const ${name} = ${other};\n${body} }`;
    case "catch":
      return `try { throw ${other}; } catch (${name}) {\n${body} }`;
    case "forOf":
      return `for (const ${name} of [${other}]) {\n${body} }`;
    case "varLater":
      return `${name} = ${other};\n${body}\nvar ${name};`;
    case "classDecl":
      return `{ class ${name} {}\n${body} }`;
    default:
      return body;
  }
}

function renderSite(site, k, { proxyCount, contexts }) {
  const mk = `mk${k}`;
  const position = site.position;
  const expressionOnly = EXPRESSION_ONLY.has(position) || position === "topLevel";
  let shadow = site.shadow;
  // A named function expression or a class wrapper would put `yield`/`await` out of reach, or a block where only an
  // expression fits: use the nearest shadow that does fit.
  if (shadow === "namedFn" && !RETURNING.has(position)) shadow = expressionOnly ? "param" : "const";
  if (shadow === "param" && !PARAM_SHADOW.has(position)) shadow = expressionOnly ? "none" : "const";
  if (expressionOnly && shadow !== "param" && shadow !== "closureParam") shadow = "none";
  const shadowed = contexts[site.shadowed % contexts.length];
  const other = contexts.concat(["o1", "undefined"])[site.shadowWith % (contexts.length + 2)];

  const locals = expressionOnly ? [] : site.locals.map((local, i) => localDecl(local, `l${k}_${i}`, contexts, i > 0 && `l${k}_${i - 1}`));
  if (locals.length > 0 && site.locals.some((local) => local.kind === "impostor")) {
    locals.unshift(`function contextProxy(s) { return U.contextProxy(s === C1 ? C2 : C1); }`);
  }
  const localNames = expressionOnly ? [] : site.locals.map((_, i) => `l${k}_${i}`);
  const pool = [...Array.from({ length: proxyCount }, (_, i) => `p${i + 1}`), ...localNames];
  const sandwich = site.sandwich === "a" ? ["sw1", "swG", "sw2"] : site.sandwich === "b" ? ["sw1", "sw3", "swG", "sw2", "sw4"] : [];
  const names = sandwich.concat(site.captures.map((n) => (n < 20 ? pool[n % pool.length] : VALUES.concat(contexts)[n % (VALUES.length + contexts.length)])));
  const items = names.map((name, i) => (i < site.reads && /^[pl]/.test(name) ? `${name}.name` : name));
  const params = shadow === "closureParam" ? `(${shadowed})` : "()";
  const closure =
    site.marker === "call"
      ? `captureContext(${params} => [${items.join(", ")}])`
      : `/* @unproxy */ ${params} => [${items.join(", ")}]`;

  // The statements that create the closure and hand it on with `deliver`, inside the shadow.
  const body = (deliver) => {
    const inner = `${deliver(closure)}`;
    if (shadow === "namedFn") return `${locals.join("\n")}\nreturn (function ${shadowed}() { ${inner} })();`;
    if (site.shadowAll) return shadowBlock(shadow, shadowed, other, `${locals.join("\n")}\n${inner}`);
    return `${locals.join("\n")}\n${shadowBlock(shadow, shadowed, other, inner)}`;
  };
  const ret = (e) => `return ${e};`;
  const param = shadow === "param" ? `${shadowed} = ${other}` : "";
  const exprWithParam = shadow === "param" ? `((${shadowed}) => ${closure})(${other})` : closure;

  switch (position) {
    case "arrowBody":
      return `const ${mk} = (${param}) => {\n${body(ret)}\n};`;
    case "concise":
      return `const ${mk} = (${param}) => ${closure};`;
    case "defaultParam":
      return `function ${mk}(${param ? param + ", " : ""}f = ${closure}) { return f; }`;
    case "classField":
      return `class K${k} { C1 = C2; f = ${exprWithParam}; }\nconst ${mk} = () => new K${k}().f;`;
    case "staticField":
      return `const ${mk} = () => (class { static f = ${exprWithParam}; }).f;`;
    case "staticBlock":
      return `const ${mk} = () => { let r; class K { static {\n${body((e) => `r = ${e};`)}\n} } return r; };`;
    case "generator":
      return `function* g${k}(${param}) {\n${body((e) => `yield ${e};`)}\n}\nfunction ${mk}() { return g${k}().next().value; }`;
    case "async":
      return `async function ${mk}(${param}) { await null;\n${body(ret)}\n}`;
    case "loopBody":
      return site.locals.length === 0 && shadow === "none"
        ? `function ${mk}() { let r; for (let i = 0; i < 2; i++) r = ${closure}; return r; }`
        : `function ${mk}() { let r; for (let i = 0; i < 2; i++) {\n${body((e) => `r = ${e};`)}\n} return r; }`;
    case "loopUpdate":
      return `function ${mk}() { let r;\n${body((e) => `for (let i = 0; i < 2; r = ${e}, i++);`)}\nreturn r; }`;
    case "recursion":
      return (
        `function ${mk}(n = 1) {\n${body((e) => `const before = ${e};\n` +
          `if (n > 0) __p.make("${mk}-inner", () => __p.within([["C1", "obj"]], () => ${mk}(n - 1)));\n` +
          `const after = ${e};\nreturn n > 0 ? before : after;`)}\n}`
      );
    case "mapCallback":
      return site.locals.length === 0 && shadow === "none"
        ? `const ${mk} = () => [0].map(() => ${closure})[0];`
        : `const ${mk} = () => [0].map(() => {\n${body(ret)}\n})[0];`;
    case "getter":
      return `const ok${k} = { get f() {\n${body(ret)}\n} };\nconst ${mk} = () => ok${k}.f;`;
    case "method":
      return `class M${k} { m(${param}) {\n${body(ret)}\n} }\nconst ${mk} = () => new M${k}().m();`;
    case "ifTest":
      return `function ${mk}() { let r;\n${body((e) => `if ((r = ${e})) return r;`)}\n}`;
    case "switchCase":
      return `function ${mk}() { switch (1) { case 1:\n${body(ret)}\n} }`;
    case "tryFinally":
      return `function ${mk}() { try {\n${body(ret)}\n} finally { __p.say("${mk} finally"); } }`;
    case "topLevel":
      return (
        `let top${k}, threw${k} = false;\ntry { top${k} = ${exprWithParam}; } catch (error) { top${k} = error; threw${k} = true; }\n` +
        `const ${mk} = () => { if (threw${k}) throw top${k}; return top${k}; };`
      );
    case "forOfHead":
      return `function ${mk}() {\n${body((e) => `for (const f of [${e}]) return f;`)}\n}`;
    case "labeled":
      return `function ${mk}() { out: {\n${body(ret)}\n} }`;
    case "conditional":
      return `const ${mk} = () => (${mk}.length === 0 ? ${exprWithParam} : null);`;
    case "constructor":
      return `class N${k} { constructor() {\n${body((e) => `this.f = ${e};`)}\n} }\nconst ${mk} = () => new N${k}().f;`;
    case "computedKey":
      return `const ${mk} = () => { let r;\n${body((e) => `class K { [(r = ${e}, "k")]() {} }`)}\nreturn r; };`;
    case "iife":
      return `const ${mk} = () => (() => {\n${body(ret)}\n})();`;
    default:
      return `function ${mk}(${param}) {\n${body(ret)}\n}`;
  }
}

/** One call of a maker inside the contexts bound as `bind` says (after every context bound to an object, if `all`). */
function driverCall(mk, { all, bind }, label, contexts, proxyCount) {
  const labels = [...contexts, "C3b"];
  const everything = all ? labels.map((name) => `[${JSON.stringify(name)}, "obj"]`) : [];
  const spec = everything.concat(bind.map(({ ctx, kind, proxy }) => {
    const value = kind === "proxy" ? `p${1 + (proxy % proxyCount)}` : kind;
    return `[${JSON.stringify(labels[ctx % labels.length])}, ${JSON.stringify(value)}]`;
  }));
  return `__p.make(${JSON.stringify(label)}, () => __p.within([${spec.join(", ")}], ${mk}));`;
}

/** Calls of the makers that are function declarations, placed before the module's own declarations have run. */
function earlyCalls(sites, contexts, proxyCount) {
  return sites.flatMap((site, i) =>
    HOISTED.has(site.position) ? [driverCall(`mk${i + 1}`, site.calls[0], `early mk${i + 1}`, contexts, proxyCount)] : [],
  );
}

/** A single-module program (source text) from its shape. */
function printProgram(shape) {
  const contexts = contextNames(shape.c3);
  const proxyCount = shape.proxies.length;
  const env = { proxyCount, contexts };
  const sites = shape.sites.map((site, i) => renderSite(site, i + 1, env));
  const register = shape.sites.map((_, i) => `__p.maker("mk${i + 1}", mk${i + 1});`);
  const calls = shape.sites.flatMap((site, i) =>
    site.calls.map((bind, j) => driverCall(`mk${i + 1}`, bind, `mk${i + 1}#${j + 1}`, contexts, proxyCount)),
  );
  const early = shape.early ? earlyCalls(shape.sites, contexts, proxyCount) : [];
  return [
    IMPORTS,
    ...contextDecls(shape.c3),
    ...early,
    VALUE_DECLS,
    ...shape.proxies.map((proxy, i) => proxyDecl(proxy, i + 1, contexts)),
    ...sites,
    ...register,
    ...contextWrites(shape.c3),
    ...calls,
  ].join("\n");
}

const programArb = () => fc.record(programShape).map((shape) => ({ shape, options: shape.options, source: printProgram(shape) }));

/**
 * A graph of ES modules: contexts exported by ctx.mjs (C3 an `export let` that ctx.mjs may swap: a live binding),
 * proxies and makers in lib.mjs, and, in a cycle, a module that calls lib's makers before lib.mjs has run (its
 * `const`s uninitialised, its `var`s undefined, its capture sites not yet made).
 */
const graphShape = {
  options: programShape.options,
  cycle: fc.constantFrom("none", "viaCyc", "viaCtx"),
  swapC3: fc.constantFrom("never", "afterProxies", "beforeCalls"),
  proxies: programShape.proxies,
  sites: fc.array(siteArb, { minLength: 1, maxLength: 3 }),
};

function printGraph(shape) {
  const contexts = ["C1", "C2", "C3", "C4"];
  const proxyCount = shape.proxies.length;
  const env = { proxyCount, contexts };
  const makers = shape.sites.map((_, i) => `mk${i + 1}`);
  const early = earlyCalls(shape.sites, contexts, proxyCount);
  const ctx =
    `import { createContext } from "unproxy";\nimport { __p } from "./prelude.mjs";\n` +
    (shape.cycle === "viaCtx" ? `import { ${makers.join(", ")} } from "./lib.mjs";\n` : "") +
    `export const C1 = __p.context("C1", createContext("C1"));\n` +
    `export const C2 = __p.context("C2", createContext("C2"));\n` +
    `export let C3 = __p.context("C3", createContext("C3"));\n` +
    `export const { C4 } = { C4: __p.context("C4", createContext("C4")) };\n` +
    `export function swapC3() { C3 = __p.context("C3b", createContext("C3b")); }\n` +
    (shape.cycle === "viaCtx" ? early.join("\n") + "\n" : "");
  const lib =
    IMPORTS +
    `import { C1, C2, C3, C4, swapC3 } from "./ctx.mjs";\n` +
    (shape.cycle === "viaCyc" ? `import "./cyc.mjs";\n` : "") +
    VALUE_DECLS +
    shape.proxies.map((proxy, i) => proxyDecl(proxy, i + 1, contexts)).join("\n") +
    "\n" +
    (shape.swapC3 === "afterProxies" ? "swapC3();\n" : "") +
    shape.sites.map((site, i) => renderSite(site, i + 1, env)).join("\n") +
    "\n" +
    shape.sites.map((_, i) => `__p.maker("mk${i + 1}", mk${i + 1});`).join("\n") +
    `\nexport { ${makers.join(", ")} };\n`;
  const cyc =
    `import { ${makers.join(", ")} } from "./lib.mjs";\nimport { __p } from "./prelude.mjs";\n` + early.join("\n") + "\n";
  const main =
    `import { __p } from "./prelude.mjs";\n` +
    `import { ${makers.join(", ")} } from "./lib.mjs";\nimport { swapC3 } from "./ctx.mjs";\n` +
    (shape.swapC3 === "beforeCalls" ? "swapC3();\n" : "") +
    shape.sites
      .flatMap((site, i) => site.calls.map((bind, j) => driverCall(`mk${i + 1}`, bind, `mk${i + 1}#${j + 1}`, contexts, proxyCount)))
      .join("\n") +
    `\nconsole.log(await __p.finish());\n`;
  const modules = { "ctx.mjs": ctx, "lib.mjs": lib, "main.mjs": main };
  if (shape.cycle === "viaCyc") modules["cyc.mjs"] = cyc;
  return modules;
}

const graphArb = () => fc.record(graphShape).map((shape) => ({ shape, options: shape.options, modules: printGraph(shape) }));

module.exports = { programArb, graphArb, printProgram, printGraph, HOISTED };
