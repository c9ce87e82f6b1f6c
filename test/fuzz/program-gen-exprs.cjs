"use strict";
// Expressions: reads of proxies, plain bindings, and a few forms the plugin must not touch (typeof of an undeclared
// name, arguments). Extends ProgramGen (program-gen.cjs).
const { ProgramGen } = require("./program-gen.cjs");

const subset = (a, b) => a.every((x) => b.has(x));

Object.assign(ProgramGen.prototype, {
  /** A reference to a modelled binding; a proxy read inside marked closures is recorded for explicit name lists. */
  ref(env, v) {
    if (v.holds && v.holds.ctxs) for (const rec of env.marks) if (v.level < rec.level) rec.names.add(v.name);
    return v.name;
  },

  // Proxies this code may read. Inside a marked closure: only contexts it captured. Elsewhere: bound ones, and rarely an
  // unbound one (both variants throw UnboundContextError at the read).
  readableProxies(env) {
    const all = env.scope.visible().filter((v) => v.holds && v.holds.ctxs);
    if (env.readable) return all.filter((v) => subset(v.holds.ctxs, env.readable));
    const bound = all.filter((v) => subset(v.holds.ctxs, env.bound));
    return bound.length || !this.chance(6) ? bound : all;
  },

  exprs(env) {
    const n = 1 + this.pick(3);
    const out = [];
    for (let i = 0; i < n; i++) out.push(this.expr(env));
    return out.join(", ");
  },

  expr(env, depth = 0) {
    switch (this.pick(depth > 1 ? 4 : 8)) {
      case 0: return String(this.pick(20));
      case 1:
      case 2: {
        const ps = this.readableProxies(env);
        if (!ps.length) return `"${this.fresh("s")}"`;
        const p = this.ref(env, this.oneOf(ps));
        return this.oneOf([
          `${p}.id`, `${p}.n`, `${p}["n"]`, `"tag" in ${p}`, `Object.keys(${p}).join()`, `{ ...${p} }.id`,
          `JSON.stringify(${p})`, `String(${p}.tag)`, `${p}.id.length`, `Object.entries(${p}).length`,
        ]);
      }
      case 3: {
        const vs = env.scope.visible().filter((v) => v.holds === "val" || v.holds === "obj");
        if (!vs.length) return String(this.pick(20));
        const v = this.oneOf(vs);
        const name = this.ref(env, v);
        return v.holds === "obj" ? this.oneOf([`${name}.n`, `${name}.id`, name]) : name;
      }
      case 4: return this.oneOf(["typeof zz", "typeof undefined"]); // globals: never captured
      case 5: return env.fnArgs ? "arguments.length" : String(this.pick(20));
      case 6: return `\`\${${this.expr(env, depth + 1)}}-\${${this.expr(env, depth + 1)}}\``;
      default: return `(${this.expr(env, depth + 1)} + ${this.expr(env, depth + 1)})`;
    }
  },
});
