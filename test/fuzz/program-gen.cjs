"use strict";
// Random program generator for the differential fuzz (issue 5, part 1).
//
// A program is built from a stream of small choices: `pick(n)` returns 0..n-1, and 0 is always the simplest option,
// so fast-check can shrink a failing program by shrinking its choices. The result is a tree of source fragments
// (see print.cjs) in which each marked closure is a node the printer renders two ways: with the plugin's markers, or
// handed to the runtime's captureContext fallback.
//
// The generator keeps a small model of the program so that it never produces a by-design difference between the two
// variants (the README's Reliability section lists them):
//   - proxies only live in bindings that are never reassigned (a reassigned binding stays live under the plugin);
//   - a marked closure only reads proxies of contexts statically bound where it is created (`bound`), and the set it
//     may read (`readable`) is fixed for everything lexically inside it;
//   - inside a marked closure: no `run` of a context it reads, no call of an unmarked function defined outside it (an
//     indirect read), and no unmarked closure escapes to a queue or emitter (it would run outside the snapshot);
//   - no `===` between a proxy and a value, no `typeof` of a proxy, no marked function declarations, no `var` alias of
//     a proxy in a loop body (re-initialised each iteration: a reassignment).
const { block, seq, fn, markedDecl } = require("./nodes.cjs");

const CONTEXTS_MAX = 3;

class ProgramGen {
  /** options.generators: emit generator functions (default true). */
  constructor(pick, options = {}) {
    this.pick = pick;
    this.generators = options.generators !== false;
    this.uid = 0;
    this.values = 0;
    this.budget = 34; // statements left: keeps programs small and fast to run
  }
  chance(k) {
    return this.pick(k) === k - 1; // 1 in k; shrinks to "no"
  }
  fresh(prefix) {
    return `${prefix}${this.uid++}`;
  }
  oneOf(list) {
    return list[this.pick(list.length)];
  }

  program() {
    const nCtx = 1 + this.pick(CONTEXTS_MAX);
    const top = new Scope(null, 0);
    const header = [];
    for (let c = 0; c < nCtx; c++) {
      header.push(`const c${c} = createContext("c${c}");`);
      // Both kinds of proxy source: a Context, and a getter over one.
      header.push(
        this.chance(3)
          ? `const p${c} = contextProxy(() => c${c}.tryGet(), { name: "p${c}" });`
          : `const p${c} = contextProxy(c${c});`,
      );
      top.declare({ name: `p${c}`, holds: { ctxs: [c] }, reassignable: false, level: 0 });
    }
    this.nCtx = nCtx;
    const env = { scope: top, bound: new Set(), readable: null, inMarked: false, markedLevel: -1, async: true,
      level: 0, marks: [], depth: 0, fnArgs: true };
    // Mostly "requests": blocks run inside a context, some awaited, some left running concurrently.
    const body = [];
    const requests = 1 + this.pick(4);
    for (let i = 0; i < requests && this.budget > 0; i++) {
      if (this.chance(4)) body.push(...this.stmts(env, 1 + this.pick(2)));
      else body.push(...this.runStmt(env, true));
    }
    // Flush what the program left queued, in fresh contexts, so late callbacks are observed too.
    for (let i = 0; i < 3; i++) body.push(`await tick();`, `${this.runIn(env, "drain")};`);
    return { header, body, nCtx };
  }

  value(c) {
    const k = this.values++;
    return `{ id: "c${c}v${k}", n: ${k} }`;
  }
  // `drain` run in a random context (or none), so queued callbacks run somewhere other than where they were created.
  runIn(env, what) {
    const c = this.pick(this.nCtx + 1) - 1;
    return c < 0 ? `${what}()` : `c${c}.run(${this.value(c)}, ${what})`;
  }

  // ---- statements --------------------------------------------------------------------------------------------
  stmts(env, n) {
    const out = [];
    for (let i = 0; i < n && this.budget > 0; i++) {
      this.budget--;
      out.push(...this.stmt(env));
    }
    return out;
  }
  stmt(env) {
    const deep = env.depth >= 4;
    // Choice 0 is "nothing": lets a failing program shrink by dropping statements.
    switch (this.pick(deep ? 6 : 17)) {
      case 0: return [];
      case 16: return [`log(${this.exprs(env)});`];
      case 1: return this.declare(env);
      case 2: return this.reassign(env);
      case 3: return this.mutate(env);
      case 4:
        if (env.canYield && this.chance(2)) return [`yield ${this.expr(env)};`];
        return env.async ? [this.oneOf(["await tick();", "await null;", "await Promise.resolve();"])] : this.declare(env);
      case 5: return this.runStmt(env);
      case 6: return this.handOff(env);
      case 7: return this.handOff(env);
      case 8: return this.localFunction(env);
      case 9: return this.loop(env);
      case 10: return env.inMarked ? this.handOff(env) : [`${this.runIn(env, "drain")};`];
      case 11: return env.inMarked ? this.declare(env) : [`emit(${this.expr(env)});`];
      case 12: return this.tryStmt(env);
      case 13: return this.ifStmt(env);
      case 14: return this.namedClosure(env);
      default: return this.shadowBlock(env);
    }
  }

  declare(env) {
    let kind = this.oneOf(["const", "let", "var"]);
    const name = this.fresh(kind === "var" ? "v" : "x");
    const proxies = this.readableProxies(env);
    const form = this.pick(5);
    if (form === 1 && proxies.length) {
      // A `var` in a loop body is assigned again on every iteration: the plugin rightly treats it as reassigned.
      if (kind === "var" && env.inLoop) kind = "let";
      // An alias of a proxy: never reassigned, so the plugin may capture it through unproxy().
      const p = this.oneOf(proxies);
      env.scope.declare({ name, holds: p.holds, reassignable: false, level: env.level });
      return [`${kind} ${name} = ${this.ref(env, p)};`];
    }
    if (form === 2 && proxies.length) {
      if (kind === "var" && env.inLoop) kind = "let";
      const p = this.oneOf(proxies);
      const a = this.fresh("d");
      const b = this.fresh("d");
      env.scope.declare({ name: a, holds: "val", reassignable: kind !== "const", level: env.level });
      env.scope.declare({ name: b, holds: "val", reassignable: kind !== "const", level: env.level });
      return [`${kind} { id: ${a}, n: ${b} = 0 } = ${this.ref(env, p)};`];
    }
    if (form === 3) {
      const a = this.fresh("d");
      // Values first: the names being declared are in their temporal dead zone inside the pattern.
      const [dflt, value] = [this.expr(env), this.expr(env)];
      env.scope.declare({ name: a, holds: "val", reassignable: kind !== "const", level: env.level });
      env.scope.declare({ name, holds: "val", reassignable: kind !== "const", level: env.level });
      return [`${kind} [${a}, ${name} = ${dflt}] = [${value}];`];
    }
    const holds = form === 4 ? "obj" : "val";
    const init = form === 4 ? `{ id: "${name}", n: ${this.pick(9)} }` : this.expr(env);
    env.scope.declare({ name, holds, reassignable: kind !== "const", level: env.level });
    return [`${kind} ${name} = ${init};`];
  }

  // Every assignment form the plugin must see as a write (a missed one would capture a stale value).
  reassign(env) {
    // Loop counters are left alone: writing them could make a loop endless.
    const targets = env.scope.visible().filter((v) => v.reassignable && !v.counter);
    if (!targets.length) return this.declare(env);
    const { name } = this.oneOf(targets);
    // The value is generated only for the forms that print it: a reference records names for explicit marker lists.
    const e = () => this.expr(env);
    switch (this.pick(10)) {
      case 0: return [`${name} = ${e()};`];
      case 1: return [`${name} += 1;`];
      case 2: return [`${name}++;`];
      case 3: return [`--${name};`];
      case 4: return [`[${name}] = [${e()}];`];
      case 5: return [`({ n: ${name} } = { n: ${e()} });`];
      case 6: return [`${name} ??= ${e()};`];
      case 7: return [`${name} ||= ${e()};`];
      case 8: return [`for (${name} of [${e()}, 7]);`];
      default: return [`${name} = ${name} === undefined ? 1 : ${e()};`];
    }
  }

  mutate(env) {
    const targets = [...this.readableProxies(env), ...env.scope.visible().filter((v) => v.holds === "obj")];
    if (!targets.length) return [`log(${this.exprs(env)});`];
    const t = this.ref(env, this.oneOf(targets));
    return [this.oneOf([`${t}.n += 1;`, `${t}.n = ${this.pick(50)};`, `${t}.tag = "t${this.pick(9)}";`, `delete ${t}.tag;`])];
  }

  runStmt(env, request = false) {
    // Inside a marked closure only contexts it does not read may be re-bound (a by-design difference otherwise).
    const choices = [...Array(this.nCtx).keys()].filter((c) => !env.readable || !env.readable.has(c));
    if (!choices.length) return [`log(${this.exprs(env)});`];
    const c = this.oneOf(choices);
    const isAsync = env.async && (request || this.chance(2));
    const inner = this.child(env, { bound: new Set([...env.bound, c]), async: isAsync, canYield: false });
    const body = block(this.stmts(inner, (request ? 2 : 1) + this.pick(4)));
    const call = seq(`c${c}.run(${this.value(c)}, ${isAsync ? "async " : ""}() => `, body, `)`);
    if (!isAsync) return [seq(call, ";")];
    return [this.chance(2) ? seq(call, `.catch(report);`) : seq("await ", call, ";")];
  }

  loop(env) {
    const inner = () => this.child(env, { depth: env.depth + 1, inLoop: true });
    switch (this.pick(4)) {
      case 0: {
        const i = this.fresh("i");
        const e = inner();
        e.scope.declare({ name: i, holds: "val", reassignable: true, counter: true, level: env.level });
        return [seq(`for (let ${i} = 0; ${i} < ${1 + this.pick(3)}; ${i}++) `, block(this.stmts(e, 1 + this.pick(3))))];
      }
      case 1: {
        const j = this.fresh("v");
        const e = inner();
        env.scope.declare({ name: j, holds: "val", reassignable: true, counter: true, level: env.level }); // var
        return [seq(`for (var ${j} = 0; ${j} < ${1 + this.pick(3)}; ${j}++) `, block(this.stmts(e, 1 + this.pick(3))))];
      }
      case 2: {
        // for-of over proxies: each iteration's const holds one of them, so the body may read only if all are readable.
        const x = this.fresh("x");
        const proxies = this.readableProxies(env);
        const e = inner();
        if (proxies.length >= 1) {
          const ps = [this.oneOf(proxies), this.oneOf(proxies)];
          const ctxs = [...new Set(ps.flatMap((p) => p.holds.ctxs))];
          e.scope.declare({ name: x, holds: { ctxs }, reassignable: false, level: env.level });
          const list = ps.map((p) => this.ref(env, p)).join(", ");
          return [seq(`for (const ${x} of [${list}]) `, block(this.stmts(e, 1 + this.pick(3))))];
        }
        e.scope.declare({ name: x, holds: "val", reassignable: false, level: env.level });
        return [seq(`for (const ${x} of [1, 2]) `, block(this.stmts(e, 1 + this.pick(3))))];
      }
      default: {
        const k = this.fresh("k");
        env.scope.declare({ name: k, holds: "val", reassignable: true, counter: true, level: env.level });
        const e = inner();
        return [`let ${k} = 0;`, seq(`while (${k} < 2) `, block([`${k}++;`, ...this.stmts(e, 1 + this.pick(3))]))];
      }
    }
  }

  tryStmt(env) {
    const body = this.stmts(this.child(env, { depth: env.depth + 1 }), 1 + this.pick(3));
    if (this.chance(2)) body.push(`throw new RangeError("r" + ${this.expr(env)});`);
    return [seq("try ", block(body), ` catch (e) `, block([`report(e);`]))];
  }

  ifStmt(env) {
    const cond = this.expr(env);
    const a = block(this.stmts(this.child(env, { depth: env.depth + 1 }), 1 + this.pick(2)));
    if (!this.chance(2)) return [seq(`if (${cond}) `, a)];
    return [seq(`if (${cond}) `, a, " else ", block(this.stmts(this.child(env, { depth: env.depth + 1 }), 1)))];
  }

  // A block whose first declarations reuse visible names (shadowing), declared before any use in the block.
  shadowBlock(env) {
    const e = this.child(env, { depth: env.depth + 1 });
    const names = env.scope.visible().map((v) => v.name);
    const out = [];
    for (const name of [this.oneOf(names), this.oneOf(names)]) {
      if (e.scope.vars.has(name)) continue;
      e.scope.declare({ name, holds: "obj", reassignable: false, level: env.level });
      out.push(`const ${name} = { id: "shadow-${name}", n: ${this.pick(9)} };`);
    }
    return [block([...out, ...this.stmts(e, 1 + this.pick(3))])];
  }

  child(env, over) {
    return { ...env, scope: new Scope(env.scope, env.level), ...over };
  }
}

class Scope {
  constructor(parent, level) {
    this.parent = parent;
    this.level = level;
    this.vars = new Map();
  }
  declare(v) {
    this.vars.set(v.name, v);
  }
  visible() {
    const seen = new Map();
    for (let s = this; s; s = s.parent) for (const [k, v] of s.vars) if (!seen.has(k)) seen.set(k, v);
    return [...seen.values()];
  }
}

module.exports = { ProgramGen, Scope, block, seq, fn, markedDecl };
require("./program-gen-closures.cjs");
require("./program-gen-exprs.cjs");
