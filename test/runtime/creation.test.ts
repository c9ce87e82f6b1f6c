// What compiled code calls when a marked closure is created: unproxy() and unproxyIfBound() for any captured value,
// unproxyFrom() / unproxyIfBoundFrom() / unproxyValueOf() for a proxy the plugin proved is `contextProxy(context)`.
import {
  contextProxy,
  createContext,
  isContextProxy,
  unproxy,
  unproxyFrom,
  unproxyIfBound,
  unproxyIfBoundFrom,
  unproxyValueOf,
  unproxyOr,
  unproxyIfBoundOr,
  unproxyIn,
  unproxyIfBoundIn,
  unproxyScope,
  UnboundContextError,
} from "../../src/runtime/index";
import { createSyncStackBackend } from "../../src/runtime/backend-sync-stack";
import { contextFactory } from "../../src/runtime/context";

/** A Proxy that records every trap it sees, over a function so that it is as function-like as ours. */
function spied(): { value: object; traps: string[] } {
  const traps: string[] = [];
  const handler = new Proxy(
    {},
    {
      get: (_target, trap) => (...args: unknown[]) => {
        traps.push(String(trap));
        return (Reflect as any)[trap](...args);
      },
    },
  );
  return { value: new Proxy(function target() {}, handler), traps };
}

describe("values that are not our proxies come back untouched", () => {
  test("a user's own Proxy (function or object target) sees no trap at all", () => {
    const fn = spied();
    const obj = { traps: [] as string[], value: {} as object };
    obj.value = new Proxy({ a: 1 }, new Proxy({}, { get: (_t, trap) => (...a: unknown[]) => (obj.traps.push(String(trap)), (Reflect as any)[trap](...a)) }));
    for (const { value, traps } of [fn, obj]) {
      expect(unproxy(value)).toBe(value);
      expect(unproxyIfBound(value)).toBe(value);
      expect(isContextProxy(value)).toBe(false);
      expect(traps).toEqual([]);
    }
  });

  test("a revoked proxy does not throw", () => {
    for (const target of [{}, () => 1]) {
      const { proxy, revoke } = Proxy.revocable(target, {});
      revoke();
      expect(unproxy(proxy)).toBe(proxy);
      expect(unproxyIfBound(proxy)).toBe(proxy);
      expect(isContextProxy(proxy)).toBe(false);
    }
  });

  test("getters are not called, and primitives and plain functions pass through", () => {
    let calls = 0;
    const withGetter = {
      get [Symbol.for("unproxy.current")]() {
        calls++;
        return () => 1;
      },
    };
    expect(unproxy(withGetter)).toBe(withGetter);
    expect(unproxyIfBound(withGetter)).toBe(withGetter);
    expect(calls).toBe(0);
    const fn = () => 1;
    for (const value of [fn, 0, "", null, undefined, 1n, Symbol.iterator, false]) {
      expect(unproxy(value)).toBe(value);
      expect(unproxyIfBound(value)).toBe(value);
    }
  });
});

describe("unproxyFrom(proxy, context) is unproxy(proxy), read directly", () => {
  const ctx = createContext<any>("request");
  const request = contextProxy(ctx);
  const renamed = contextProxy(ctx, { name: "req" });

  test("bound to an object: the object, for every proxy of the context", () => {
    const real = { id: 1 };
    ctx.run(real, () => {
      expect(unproxyFrom(request, ctx)).toBe(real);
      expect(unproxyFrom(renamed, ctx)).toBe(real);
      expect(unproxyIfBoundFrom(request, ctx)).toBe(real);
    });
  });

  test("unbound: the same error as unproxy(proxy), naming the proxy; unproxyIfBoundFrom keeps the proxy", () => {
    const errorOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error as UnboundContextError;
      }
      throw new Error("did not throw");
    };
    const direct = errorOf(() => unproxyFrom(renamed, ctx));
    expect(direct).toBeInstanceOf(UnboundContextError);
    expect(direct.message).toBe(errorOf(() => unproxy(renamed)).message);
    expect(direct).toMatchObject({ contextName: "req" });
    expect(unproxyIfBoundFrom(renamed, ctx)).toBe(renamed);
  });

  test("a primitive value, a function value and a proxy value behave as through unproxy()", () => {
    ctx.run(5, () => expect(() => unproxyFrom(request, ctx)).toThrow(expect.objectContaining({ code: "UNPROXY_R004" })));
    const fn = () => 1;
    ctx.run(fn, () => expect(unproxyFrom(request, ctx)).toBe(fn));
    const inner = createContext<{ id: number }>("inner");
    const innerProxy = contextProxy(inner);
    const real = { id: 2 };
    inner.run(real, () => ctx.run(innerProxy, () => expect(unproxyFrom(request, ctx)).toBe(real)));
  });

  test("a source that is not one of this copy's contexts falls back to unproxy(proxy)", () => {
    const getter = () => ctx.tryGet();
    const viaGetter = contextProxy(getter, { name: "viaGetter" });
    const real = { id: 3 };
    ctx.run(real, () => {
      expect(unproxyFrom(viaGetter, getter)).toBe(real);
      expect(unproxyIfBoundFrom(viaGetter, getter)).toBe(real);
    });
    expect(unproxyIfBoundFrom(viaGetter, getter)).toBe(viaGetter);
  });
});

describe("unproxyOr(proxy, value): value when defined, else unproxy(proxy)", () => {
  const ctx = createContext<object>("request");
  const request = contextProxy(ctx);

  test("a defined value wins; undefined takes unproxy() / unproxyIfBound(), errors included", () => {
    const value = { id: 1 };
    expect(unproxyOr(request, value)).toBe(value);
    expect(unproxyIfBoundOr(request, value)).toBe(value);
    expect(() => unproxyOr(request, undefined)).toThrow(expect.objectContaining({ code: "UNPROXY_UNBOUND" }));
    expect(unproxyIfBoundOr(request, undefined)).toBe(request);
    const real = { id: 2 };
    expect(ctx.run(real, () => unproxyOr(request, undefined))).toBe(real);
  });
});

describe("unproxyValueOf(context): the object bound to one of this copy's contexts, else undefined", () => {
  const ctx = createContext<object>("request");

  test("bound to an object: that object; unbound, a primitive or a function: undefined", () => {
    const real = { id: 1 };
    expect(ctx.run(real, () => unproxyValueOf(ctx))).toBe(real);
    expect(unproxyValueOf(ctx)).toBeUndefined();
    for (const value of [5, "s", null, () => 1]) expect(ctx.run(value as object, () => unproxyValueOf(ctx))).toBeUndefined();
  });

  test("anything that is not one of this copy's contexts gives undefined, and no trap or getter runs", () => {
    const { value, traps } = spied();
    let reads = 0;
    const lookalike = { name: "request", tryGet: () => (reads++, { id: 2 }), current: () => (reads++, { id: 2 }) };
    for (const v of [value, lookalike, undefined, null, 0, contextProxy(ctx)]) expect(unproxyValueOf(v)).toBeUndefined();
    expect(traps).toEqual([]);
    expect(reads).toBe(0);
  });
});

describe("unproxyIn(scope, value): unproxy(value) with the store read once for several values", () => {
  const ctx = createContext<object>("request");
  const tenant = createContext<object>("tenant");
  const request = contextProxy(ctx);
  const tenantProxy = contextProxy(tenant, { name: "tenantProxy" });
  const viaGetter = contextProxy(() => ctx.tryGet(), { name: "viaGetter" });
  // A context of another store (another backend): never in the scope list read from this entry's store.
  const otherStore = createSyncStackBackend();
  const elsewhere = contextFactory(otherStore)<object>("elsewhere");
  const elsewhereProxy = contextProxy(elsewhere);

  test("each proxy gets its context's value in the scope read, others what unproxy() gives", () => {
    const a = { id: 1 };
    const t = { id: 2 };
    const e = { id: 3 };
    const plain = { id: 4 };
    const { value: userProxy, traps } = spied();
    const seen = elsewhere.run(e, () =>
      ctx.run(a, () =>
        tenant.run(t, () => {
          const scope = unproxyScope();
          return [request, tenantProxy, viaGetter, elsewhereProxy, plain, userProxy, 5, undefined].map((v) => unproxyIn(scope, v));
        }),
      ),
    );
    expect(traps).toEqual([]); // before any expectation below reads the user's Proxy
    expect(seen).toEqual([a, t, a, e, plain, userProxy, 5, undefined]);
    expect(seen[0]).toBe(a);
  });

  test("unbound, primitive and function values: the errors and values of unproxy() and unproxyIfBound()", () => {
    const fn = () => 1;
    ctx.run({ id: 1 }, () => {
      const scope = unproxyScope();
      expect(() => unproxyIn(scope, tenantProxy)).toThrow(expect.objectContaining({ code: "UNPROXY_UNBOUND", contextName: "tenantProxy" }));
      expect(unproxyIfBoundIn(scope, tenantProxy)).toBe(tenantProxy);
    });
    tenant.run(5 as unknown as object, () => {
      expect(() => unproxyIn(unproxyScope(), tenantProxy)).toThrow(expect.objectContaining({ code: "UNPROXY_R004" }));
    });
    tenant.run(fn, () => expect(unproxyIn(unproxyScope(), tenantProxy)).toBe(fn));
    expect(unproxyScope()).toBeUndefined();
    expect(() => unproxyIn(undefined, request)).toThrow(expect.objectContaining({ code: "UNPROXY_UNBOUND" }));
    expect(unproxyIfBoundIn(undefined, request)).toBe(request);
  });
});

describe("unproxy() remembers the proxies it recognised last", () => {
  test("more proxies than it remembers, in turn: always what the registry says now", () => {
    const contexts = Array.from({ length: 7 }, (_, i) => createContext<{ id: number }>(`c${i}`));
    const many = contexts.map((c) => contextProxy(c));
    const values = contexts.map((_, i) => ({ id: i }));
    const bindAll = (i: number, fn: () => void): void => (i === contexts.length ? fn() : contexts[i].run(values[i], () => bindAll(i + 1, fn)));
    bindAll(0, () => {
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < many.length; i++) expect(unproxy(many[i])).toBe(values[i]);
        const scope = unproxyScope();
        for (let i = many.length - 1; i >= 0; i--) expect(unproxyIn(scope, many[i])).toBe(values[i]);
      }
    });
  });

  const ctx = createContext<{ id: number }>("request");
  const other = createContext<{ id: number }>("other");
  const a = contextProxy(ctx);
  const b = contextProxy(other);

  test("alternating proxies, values and unbound states: always what the registry says now", () => {
    const x = { id: 1 };
    const y = { id: 2 };
    const plain = () => 3;
    ctx.run(x, () =>
      other.run(y, () => {
        for (let i = 0; i < 3; i++) {
          expect(unproxy(a)).toBe(x);
          expect(unproxy(a)).toBe(x);
          expect(unproxy(plain)).toBe(plain);
          expect(unproxy(b)).toBe(y);
          expect(unproxyIfBound(a)).toBe(x);
        }
      }),
    );
    expect(() => unproxy(a)).toThrow(expect.objectContaining({ code: "UNPROXY_UNBOUND", contextName: "request" }));
    expect(unproxyIfBound(a)).toBe(a);
    expect(ctx.run(y, () => unproxy(a))).toBe(y);
  });
});
