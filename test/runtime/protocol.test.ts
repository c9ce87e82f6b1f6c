// The cross-copy protocol: unproxy, unproxyIfBound, isContextProxy; what our proxies answer for Symbol.for("unproxy.current").
import {
  contextProxy,
  createContext,
  isContextProxy,
  unproxy,
  unproxyIfBound,
  UnboundContextError,
} from "../../src/runtime/index";

const CURRENT = Symbol.for("unproxy.current");
const ctx = createContext<{ id: number }>("request");
const request = contextProxy(ctx);

test("a context proxy carries the protocol method, even when unbound", () => {
  expect(typeof (request as any)[CURRENT]).toBe("function");
  expect(CURRENT in request).toBe(true);
  expect(isContextProxy(request)).toBe(true);
  const real = { id: 1 };
  ctx.run(real, () => expect((request as any)[CURRENT]()).toBe(real));
});

test("unproxy returns the current object, and any other value unchanged", () => {
  const real = { id: 1 };
  ctx.run(real, () => expect(unproxy(request)).toBe(real));
  const plain = { id: 2 };
  for (const value of [plain, 1, "s", null, undefined, true, Symbol.iterator, 10n, () => 1]) {
    expect(unproxy(value)).toBe(value);
    expect(unproxyIfBound(value)).toBe(value);
    expect(isContextProxy(value)).toBe(false);
  }
});

test("unproxy throws UnboundContextError when nothing is bound; unproxyIfBound returns the proxy", () => {
  expect(() => unproxy(request)).toThrow(UnboundContextError);
  expect(unproxyIfBound(request)).toBe(request);
  const real = { id: 3 };
  expect(ctx.run(real, () => unproxyIfBound(request))).toBe(real);
});

test("a proxy over a getter unwraps; one over another proxy unwraps all the way", () => {
  const user = contextProxy(() => ctx.tryGet(), { name: "user" });
  const outer = contextProxy(() => request, { name: "outer" });
  const real = { id: 4 };
  ctx.run(real, () => {
    expect(unproxy(user)).toBe(real);
    expect(unproxy(outer)).toBe(real);
    expect(outer.id).toBe(4);
  });
  expect(unproxyIfBound(outer)).toBe(outer);
  expect(() => unproxy(outer)).toThrow(UnboundContextError);
});

test("an object with the protocol method is not a proxy: unproxy does not read it", () => {
  // Only registered proxies count; looking for the method would be a property read on every captured value.
  let reads = 0;
  const custom = new Proxy({ [CURRENT]: () => ({ id: 5 }) }, { get: (target, key) => (reads++, Reflect.get(target, key)) });
  expect(isContextProxy(custom)).toBe(false);
  expect(unproxy(custom)).toBe(custom);
  expect(unproxyIfBound(custom)).toBe(custom);
  expect(reads).toBe(0);
});

test("the unbound error names the proxy and says how to fix it", () => {
  let error: unknown;
  try {
    void request.id;
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UnboundContextError);
  expect(error).toMatchObject({ code: "UNPROXY_UNBOUND", contextName: "request", name: "UnboundContextError" });
  const anonymous = contextProxy(() => undefined as { id: number } | undefined);
  expect(() => anonymous.id).toThrow(expect.objectContaining({ contextName: "anonymous" }));
  const named = contextProxy(function currentUser() {
    return undefined as { id: number } | undefined;
  });
  expect(() => named.id).toThrow(expect.objectContaining({ contextName: "currentUser" }));
});

test("an unbound proxy passes through promise resolution as itself", async () => {
  expect((request as { then?: unknown }).then).toBeUndefined();
  await expect(Promise.resolve(request)).resolves.toBe(request);
  const returned = await (async () => request)();
  expect(returned).toBe(request);
  // Any other use still throws.
  expect(() => request.id).toThrow(UnboundContextError);
});
