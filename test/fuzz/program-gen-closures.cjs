"use strict";
// Closures and the places they are handed to: the queue (drained later in another context), the emitter, a timer,
// a promise reaction, a direct call. Extends ProgramGen (program-gen.cjs).
const { ProgramGen, Scope, block, seq, fn, markedDecl } = require("./program-gen.cjs");

const FORMS = ["call", "comment", "line", "jsdoc", "list", "call-ns", "call-seq"];
const subset = (a, b) => [...a].every((x) => b.has(x));

// Self-check of the model: every name of an explicit list must appear in the closure (a name recorded for code that
// was then not printed would make the plugin refuse a valid program, and the fuzz report a false divergence).
function assertListed(node) {
  const { print } = require("./print.cjs");
  const text = node.params + print(node.body, "plugin");
  for (const name of node.mark.names) {
    if (!new RegExp(`\\b${name}\\b`).test(text)) throw new Error(`program generator: listed ${name} is not in the closure`);
  }
}

Object.assign(ProgramGen.prototype, {
  /**
   * A new function node. `marked`: whether it carries a marker. `propagates`: whether the place it is handed to keeps
   * the creation context (a direct call, a timer, a promise reaction) — then an unmarked body may assume what is bound
   * here; otherwise (queue, emitter) it assumes nothing.
   */
  closure(env, { marked, propagates }) {
    const level = env.level + 1;
    const isAsync = this.chance(3);
    const arrow = !this.chance(3);
    const isGen = this.generators && !arrow && this.chance(3); // generators (and async generators): the body runs in next()
    const scope = new Scope(env.scope, level);
    let inner;
    let rec = null;
    if (marked) {
      // The contexts it may read: bound where it is created (and, nested, readable by the enclosing marked closure).
      const pool = [...env.bound].filter((c) => !env.readable || env.readable.has(c));
      const R = new Set(pool.filter(() => !this.chance(4)));
      rec = { level, names: new Set() };
      inner = { ...env, scope, level, bound: R, readable: R, inMarked: true, markedLevel: level, async: isAsync, canYield: isGen,
        marks: [...env.marks, rec], depth: env.depth + 1, fnArgs: arrow ? env.fnArgs : true, inLoop: false };
    } else {
      inner = { ...env, scope, level, bound: propagates ? env.bound : new Set(), async: isAsync, canYield: isGen,
        depth: env.depth + 1,
        fnArgs: arrow ? env.fnArgs : true, inLoop: false };
    }
    const params = this.params(env, inner);
    const stmts = [];
    // A marked closure that reads what it captured is the interesting case: make it likely.
    const ps = marked ? this.readableProxies(inner) : [];
    if (ps.length && !this.chance(5)) stmts.push(`log("m", ${this.ref(inner, this.oneOf(ps))}.id);`);
    stmts.push(...this.stmts(inner, 1 + this.pick(3)));
    if (this.chance(3)) stmts.push(`return ${this.expr(inner)};`);
    let mark = null;
    if (marked) {
      let form = this.oneOf(FORMS);
      const names = [...rec.names];
      if (form === "list" && !names.length) form = "comment";
      mark = { form, names };
    }
    const node = fn({ mark, isAsync, isGen, arrow, params, body: block(stmts) });
    if (mark && mark.form === "list") assertListed(node);
    return node;
  },

  // Parameters, with defaults evaluated at call time in the closure's own environment (a default reading a proxy
  // counts as a read by the closure) and, sometimes, a name shadowing a visible one.
  params(outer, inner) {
    const out = [];
    const n = this.pick(3);
    for (let i = 0; i < n; i++) {
      const visible = outer.scope.visible().map((v) => v.name).filter((x) => !inner.scope.vars.has(x));
      // Only the first parameter may shadow: an earlier default naming it would read the parameter (TDZ), not the
      // outer binding the model has in mind.
      const shadow = i === 0 && visible.length && this.chance(4);
      const name = shadow ? this.oneOf(visible) : this.fresh("a");
      const proxies = this.readableProxies(inner);
      if (this.chance(4)) {
        const d = this.fresh("a");
        inner.scope.declare({ name: d, holds: "val", reassignable: false, level: inner.level });
        out.push(`{ id: ${d} } = { id: "dflt" }`);
        continue;
      }
      if (!shadow && proxies.length && this.chance(3)) {
        const p = this.oneOf(proxies);
        out.push(`${name} = ${this.ref(inner, p)}`);
        inner.scope.declare({ name, holds: p.holds, reassignable: false, level: inner.level });
        continue;
      }
      inner.scope.declare({ name, holds: "val", reassignable: false, level: inner.level });
      out.push(this.chance(3) ? `${name} = ${this.pick(9)}` : name);
    }
    return out.join(", ");
  },

  // Hands a closure (new, or one already bound to a name) to somewhere that runs it, now or later.
  handOff(env) {
    const escapes = this.pick(2) === 0; // queue / emitter: runs in whatever context drains it
    const named = this.usableFunctions(env, escapes);
    let f;
    if (named.length && this.chance(3)) {
      f = this.ref(env, this.oneOf(named));
    } else {
      // Inside a marked closure an unmarked closure may not escape: it would run outside the snapshot.
      const marked = escapes && env.inMarked ? true : this.chance(2);
      f = this.closure(env, { marked, propagates: !escapes });
    }
    if (escapes) return [seq(this.chance(2) ? "on(" : "q.push(", f, ");")];
    // Generated only when printed: a reference records the names an explicit marker list must carry.
    const arg = this.expr(env);
    switch (this.pick(5)) {
      case 0: return [seq("call(", f, `, ${arg});`)];
      case 1: return [seq(`log("ret", call(`, f, `, ${arg}));`)];
      case 2: return [seq("later(", f, `, ${arg});`)];
      case 3: return [seq(`Promise.resolve(${arg}).then(`, f, ").catch(report);")];
      default: return env.async ? [seq("await call(", f, `, ${arg});`)] : [seq("call(", f, `, ${arg});`)];
    }
  },

  // Named functions this code may call (or hand to a queue): marked ones anywhere; an unmarked one only where what it
  // assumes is bound, and inside a marked closure only if it was defined inside that closure (no indirect reads).
  usableFunctions(env, escapes) {
    return env.scope.visible().filter((v) => {
      if (!v.holds || !v.holds.fn) return false;
      if (v.holds.marked) return true;
      if (escapes) return !env.inMarked && v.holds.assumes.size === 0;
      if (env.inMarked && v.level < env.markedLevel) return false;
      return subset(v.holds.assumes, env.bound);
    });
  },

  localFunction(env) {
    const name = this.fresh("f");
    const f = this.closure(env, { marked: false, propagates: true });
    const decl = this.chance(2)
      ? seq(`function ${name}(${f.params}) `, f.body)
      : seq(`const ${name} = `, f, ";");
    if (f.isGen && decl.parts[0].startsWith("function")) decl.parts[0] = decl.parts[0].replace("function", "function*");
    if (f.isAsync && decl.parts[0].startsWith("function")) decl.parts[0] = "async " + decl.parts[0];
    env.scope.declare({ name, holds: { fn: true, marked: false, assumes: new Set(env.bound) }, reassignable: false,
      level: env.level });
    return [decl, `call(${name}, ${this.expr(env)});`];
  },

  // `const cb = <marked closure>` (the marker may sit on the declaration) or an unmarked one; used by later statements.
  namedClosure(env) {
    const name = this.fresh("cb");
    const marked = !this.chance(4);
    const f = this.closure(env, { marked, propagates: true });
    const kind = this.oneOf(["const", "let", "var"]);
    if (marked && f.mark.form !== "list" && this.chance(2)) f.mark = { ...f.mark, form: "decl" };
    env.scope.declare({ name, holds: { fn: true, marked, assumes: new Set(env.bound) }, reassignable: false,
      level: env.level });
    return [marked ? markedDecl(kind, name, f) : seq(`${kind} ${name} = `, f, ";")];
  },
});
