// A context proxy where a value belongs: bound with run() it is resolved at bind time ("keep the current request"),
// returned by a getter it is read through; a source that leads back to itself is a coded error, never a stack
// overflow.
import { contextProxy, createContext, createResource, runWithContexts, unproxy } from "../../src/runtime/index";
import { thrown } from "./support/thrown";

const requestContext = createContext<{ id: number }>("sources:request");
const request = contextProxy(requestContext);

describe("run(proxy, fn) binds the object the proxy stands for now", () => {
  test("its own proxy: the current value, kept for the inner run", () => {
    const outer = { id: 1 };
    const seen = requestContext.run(outer, () =>
      requestContext.run(request, () => [request.id, requestContext.get(), unproxy(request)]),
    );
    expect(seen).toEqual([1, outer, outer]);
    expect(seen[1]).toBe(outer);
  });

  test("and after the outer run changes, the inner binding keeps the object it was given", async () => {
    const inner = await requestContext.run({ id: 1 }, () =>
      requestContext.run(request, async () => {
        await null;
        return request.id;
      }),
    );
    expect(inner).toBe(1);
  });

  test("another context's proxy: bound as its current object", () => {
    const tenantContext = createContext<{ name: string }>("sources:tenant");
    const tenant = contextProxy(tenantContext);
    const acme = { name: "acme" };
    const bound = tenantContext.run(acme, () => requestContext.run(tenant as never, () => requestContext.get()));
    expect(bound).toBe(acme);
  });

  test("an unbound proxy cannot be bound: UnboundContextError naming it", () => {
    const error = thrown(() => requestContext.run(request, () => 1));
    expect(error.code).toBe("UNPROXY_UNBOUND");
    expect(error.message).toContain('context "sources:request" has no value here');
  });

  test("runWithContexts goes through run(): a snapshot holding a proxy binds its object", () => {
    const outer = { id: 3 };
    const seen = requestContext.run(outer, () =>
      runWithContexts({ unproxySnapshot: 1, values: { "sources:request": request } }, () => requestContext.get()),
    );
    expect(seen).toBe(outer);
  });
});

describe("a getter that returns a proxy", () => {
  test("is read through to the real value", () => {
    const alias = contextProxy(() => request, { name: "alias" });
    const value = { id: 4 };
    requestContext.run(value, () => {
      expect(alias.id).toBe(4);
      expect(unproxy(alias)).toBe(value);
    });
    expect(thrown(() => alias.id).message).toContain('context "alias" has no value here');
  });

  test("a resource whose factory returns a proxy, too", () => {
    const connection = createResource(requestContext, () => request);
    const db = contextProxy(connection);
    const value = { id: 5 };
    requestContext.run(value, () => expect(unproxy(db)).toBe(value));
  });

  test("itself, or a cycle of getters: UNPROXY_R026 naming the loop", () => {
    const self: { id: number } = contextProxy(() => self, { name: "self" });
    expect(thrown(() => self.id).code).toBe("UNPROXY_R026");
    const a: { id: number } = contextProxy(() => b, { name: "a" });
    const b: { id: number } = contextProxy(() => a, { name: "b" });
    const error = thrown(() => a.id);
    expect(error.message).toBe(
      '[UNPROXY_R026] context proxy "a" stands for itself (a → b → a): its source must give the real value, not a ' +
        "proxy that leads back to it.",
    );
    expect(thrown(() => unproxy(b)).code).toBe("UNPROXY_R026");
    expect(thrown(() => JSON.stringify(a)).code).toBe("UNPROXY_R026");
  });

  test("after a cycle error, other proxies read normally (nothing left half-resolved)", () => {
    const self: { id: number } = contextProxy(() => self, { name: "self" });
    thrown(() => self.id);
    const alias = contextProxy(() => request, { name: "alias" });
    expect(requestContext.run({ id: 6 }, () => alias.id)).toBe(6);
  });
});
