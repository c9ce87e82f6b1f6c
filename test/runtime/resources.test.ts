// Per-execution resources (Zope's getTLS): created lazily once per run() scope, reused inside it, never shared.
import { setTimeout as sleep } from "node:timers/promises";
import { contextProxy, createContext, createResource, UnboundContextError } from "../../src/runtime/index";

interface Connection {
  serial: number;
  owner: string;
}

function setup() {
  const requestContext = createContext<{ user: string }>("request");
  let created = 0;
  const connection = createResource(requestContext, (request): Connection => ({ serial: ++created, owner: request.user }));
  return { requestContext, connection, created: () => created };
}

test("created lazily, on first use, with the context's value", () => {
  const { requestContext, connection, created } = setup();
  requestContext.run({ user: "ada" }, () => {
    expect(created()).toBe(0);
    expect(connection.peek()).toBeUndefined();
    expect(connection.get()).toEqual({ serial: 1, owner: "ada" });
    expect(connection.peek()).toBe(connection.get());
  });
  expect(created()).toBe(1);
});

test("one scope reuses its own instance across awaits and nested calls", async () => {
  const { requestContext, connection, created } = setup();
  await requestContext.run({ user: "ada" }, async () => {
    const first = connection.get();
    await sleep(1);
    expect(connection.get()).toBe(first);
    await Promise.all([1, 2, 3].map(async () => expect(connection.get()).toBe(first)));
  });
  expect(created()).toBe(1);
});

test("concurrent scopes get distinct instances, even for the same value; nested runs get their own", async () => {
  const { requestContext, connection } = setup();
  const same = { user: "same" };
  const [a, b] = await Promise.all(
    [1, 2].map((n) =>
      requestContext.run(same, async () => {
        const mine = connection.get();
        await sleep(3 - n);
        expect(connection.get()).toBe(mine);
        return mine;
      }),
    ),
  );
  expect(a).not.toBe(b);
  requestContext.run({ user: "outer" }, () => {
    const outer = connection.get();
    requestContext.run({ user: "inner" }, () => expect(connection.get()).not.toBe(outer));
    expect(connection.get()).toBe(outer);
  });
});

test("outside any run: get throws UnboundContextError naming the context, tryGet/peek give undefined", () => {
  const { connection } = setup();
  expect(() => connection.get()).toThrow(expect.objectContaining({ contextName: "request" }));
  expect(() => connection.get()).toThrow(UnboundContextError);
  expect(connection.tryGet()).toBeUndefined();
  expect(connection.peek()).toBeUndefined();
});

test("a resource can back a context proxy", () => {
  const { requestContext, connection } = setup();
  const db = contextProxy(connection);
  requestContext.run({ user: "ada" }, () => {
    expect(db.owner).toBe("ada");
    expect(db.serial).toBe(connection.get().serial);
  });
  expect(() => db.owner).toThrow(expect.objectContaining({ contextName: "request.resource" }));
});

test("a factory that throws creates nothing and throws again next time", () => {
  const ctx = createContext<number>("n");
  let calls = 0;
  const flaky = createResource(ctx, (n) => {
    calls++;
    if (calls === 1) throw new Error("first fails");
    return n * 2;
  });
  ctx.run(2, () => {
    expect(() => flaky.get()).toThrow("first fails");
    expect(flaky.get()).toBe(4);
  });
});
