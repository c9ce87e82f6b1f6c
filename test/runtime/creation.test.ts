// What compiled code calls when a marked closure is created: unproxy() and unproxyIfBound() for any captured value,
// unproxyFrom() / unproxyIfBoundFrom() for a proxy the plugin proved is `contextProxy(context)`.
import {
  contextProxy,
  createContext,
  isContextProxy,
  unproxy,
  unproxyFrom,
  unproxyIfBound,
  unproxyIfBoundFrom,
  unproxyAt,
  unproxyIfBoundAt,
  unproxySite,
  UnboundContextError,
} from "../../src/runtime/index";

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

describe("unproxyFrom(context, proxy) is unproxy(proxy), read directly", () => {
  const ctx = createContext<any>("request");
  const request = contextProxy(ctx);
  const renamed = contextProxy(ctx, { name: "req" });

  test("bound to an object: the object, for every proxy of the context", () => {
    const real = { id: 1 };
    ctx.run(real, () => {
      expect(unproxyFrom(ctx, request)).toBe(real);
      expect(unproxyFrom(ctx, renamed)).toBe(real);
      expect(unproxyIfBoundFrom(ctx, request)).toBe(real);
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
    const direct = errorOf(() => unproxyFrom(ctx, renamed));
    expect(direct).toBeInstanceOf(UnboundContextError);
    expect(direct.message).toBe(errorOf(() => unproxy(renamed)).message);
    expect(direct).toMatchObject({ contextName: "req" });
    expect(unproxyIfBoundFrom(ctx, renamed)).toBe(renamed);
  });

  test("a primitive value, a function value and a proxy value behave as through unproxy()", () => {
    ctx.run(5, () => expect(() => unproxyFrom(ctx, request)).toThrow(expect.objectContaining({ code: "UNPROXY_R004" })));
    const fn = () => 1;
    ctx.run(fn, () => expect(unproxyFrom(ctx, request)).toBe(fn));
    const inner = createContext<{ id: number }>("inner");
    const innerProxy = contextProxy(inner);
    const real = { id: 2 };
    inner.run(real, () => ctx.run(innerProxy, () => expect(unproxyFrom(ctx, request)).toBe(real)));
  });

  test("a source that is not one of this copy's contexts falls back to unproxy(proxy)", () => {
    const getter = () => ctx.tryGet();
    const viaGetter = contextProxy(getter, { name: "viaGetter" });
    const real = { id: 3 };
    ctx.run(real, () => {
      expect(unproxyFrom(getter, viaGetter)).toBe(real);
      expect(unproxyIfBoundFrom(getter, viaGetter)).toBe(real);
    });
    expect(unproxyIfBoundFrom(getter, viaGetter)).toBe(viaGetter);
  });
});

describe("unproxyAt(site, value) is unproxy(value), remembering the proxy a site saw last", () => {
  const ctx = createContext<{ id: number }>("request");
  const request = contextProxy(ctx);
  const other = contextProxy(ctx, { name: "other" });

  test("follows the proxy's current value every time, and switches proxies", () => {
    const site = unproxySite();
    const a = { id: 1 };
    const b = { id: 2 };
    expect(ctx.run(a, () => unproxyAt(site, request))).toBe(a);
    expect(ctx.run(b, () => unproxyAt(site, request))).toBe(b);
    expect(ctx.run(a, () => unproxyAt(site, other))).toBe(a);
    expect(site.p).toBe(other);
    expect(() => unproxyAt(site, other)).toThrow(expect.objectContaining({ code: "UNPROXY_UNBOUND", contextName: "other" }));
  });

  test("unproxyIfBoundAt keeps the proxy when unbound, like unproxyIfBound", () => {
    const site = unproxySite();
    const a = { id: 5 };
    expect(unproxyIfBoundAt(site, request)).toBe(request);
    expect(ctx.run(a, () => unproxyIfBoundAt(site, request))).toBe(a);
    expect(site.p).toBe(request);
    expect(unproxyIfBoundAt(site, request)).toBe(request);
    const plain = { id: 6 };
    expect(unproxyIfBoundAt(site, plain)).toBe(plain);
  });

  test("other values pass untouched and are not remembered", () => {
    const site = unproxySite();
    const { value, traps } = spied();
    const plain = { id: 3 };
    for (const v of [value, plain, undefined, null, 0, () => 1]) expect(unproxyAt(site, v)).toBe(v);
    expect(traps).toEqual([]);
    expect(site.p).toBe(site);
    const real = { id: 4 };
    expect(ctx.run(real, () => unproxyAt(site, request))).toBe(real);
    expect(ctx.run(real, () => unproxyAt(site, plain))).toBe(plain);
    expect(site.p).toBe(request);
  });
});
