// The Symbol.for("unproxy.current") protocol: unproxy, unproxyIfBound, isContextProxy, third-party implementations.
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

test("third-party objects opt in by implementing the method", () => {
  const real = { id: 5 };
  const custom = { [CURRENT]: () => real };
  expect(isContextProxy(custom)).toBe(true);
  expect(unproxy(custom)).toBe(real);
  expect(unproxyIfBound(custom)).toBe(real);
  // One that throws an unbound error of its own (any object with code UNPROXY_UNBOUND): kept by unproxyIfBound.
  const unbound = {
    [CURRENT]() {
      throw Object.assign(new Error("nothing here"), { code: "UNPROXY_UNBOUND" });
    },
  };
  expect(unproxyIfBound(unbound)).toBe(unbound);
  expect(() => unproxy(unbound)).toThrow("nothing here");
  // Other errors are not swallowed.
  const broken = {
    [CURRENT]() {
      throw new RangeError("broken");
    },
  };
  expect(() => unproxyIfBound(broken)).toThrow(RangeError);
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
