// createContext: binding for the extent of run(), nesting, restore on throw, isolation across async executions.
import { EventEmitter, once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { backendKind, contextProxy, createContext, UnboundContextError } from "../../src/runtime/index";

test("the node entry uses AsyncLocalStorage unless the engine has AsyncContext", () => {
  expect(backendKind).toBe("AsyncContext" in globalThis ? "async-context" : "async-local-storage");
});

test("get, tryGet and the proxy outside any run()", () => {
  const ctx = createContext<{ id: number }>("request");
  expect(ctx.name).toBe("request");
  expect(ctx.tryGet()).toBeUndefined();
  expect(() => ctx.get()).toThrow(UnboundContextError);
  const request = contextProxy(ctx);
  expect(() => request.id).toThrow(UnboundContextError);
});

test("run passes its arguments and returns fn's result", () => {
  const ctx = createContext<string>("name");
  expect(ctx.run("v", (a: number, b: number) => `${ctx.get()}${a + b}`, 1, 2)).toBe("v3");
});

test("run nests: the inner value shadows, the outer one is restored on return and on throw", () => {
  const ctx = createContext<string>("layer");
  ctx.run("outer", () => {
    expect(ctx.get()).toBe("outer");
    ctx.run("inner", () => expect(ctx.get()).toBe("inner"));
    expect(ctx.get()).toBe("outer");
    const boom = new Error("boom");
    expect(() =>
      ctx.run("inner", () => {
        throw boom;
      }),
    ).toThrow(boom);
    expect(ctx.get()).toBe("outer");
  });
  expect(ctx.tryGet()).toBeUndefined();
});

test("binding undefined hides the outer value (undefined means unbound)", () => {
  const ctx = createContext<string | undefined>("masked");
  ctx.run("outer", () => {
    ctx.run(undefined, () => {
      expect(ctx.tryGet()).toBeUndefined();
      expect(() => ctx.get()).toThrow(UnboundContextError);
    });
  });
});

test("two contexts are independent", () => {
  const a = createContext<number>("a");
  const b = createContext<number>("b");
  a.run(1, () => {
    expect(b.tryGet()).toBeUndefined();
    b.run(2, () => expect([a.get(), b.get()]).toEqual([1, 2]));
  });
});

test("the value follows await, timers, promise chains, queueMicrotask and listeners registered inside run", async () => {
  const ctx = createContext<string>("flow");
  const emitter = new EventEmitter();
  const seen: string[] = [];
  const registered = ctx.run("registered", () => {
    emitter.on("tick", () => seen.push(`listener:${ctx.tryGet()}`));
    return ctx.run("inner", async () => {
      await null;
      seen.push(`await:${ctx.get()}`);
      await sleep(1);
      seen.push(`timer:${ctx.get()}`);
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          seen.push(`setTimeout:${ctx.get()}`);
          resolve();
        }, 1),
      );
      await Promise.resolve().then(() => seen.push(`then:${ctx.get()}`));
      await new Promise<void>((resolve) =>
        queueMicrotask(() => {
          seen.push(`microtask:${ctx.get()}`);
          resolve();
        }),
      );
    });
  });
  await registered;
  // Emitted from outside any run(): AsyncLocalStorage gives listeners the emitter's context, not the registration's.
  ctx.run("emitter", () => emitter.emit("tick"));
  expect(seen).toEqual([
    "await:inner",
    "timer:inner",
    "setTimeout:inner",
    "then:inner",
    "microtask:inner",
    "listener:emitter",
  ]);
  const done = once(emitter, "tick");
  ctx.run("later", () => setTimeout(() => emitter.emit("tick"), 1));
  await done;
  expect(seen.at(-1)).toBe("listener:later");
});

test("1,000 interleaved async executions each see only their own value", async () => {
  const ctx = createContext<{ id: number }>("request");
  const request = contextProxy(ctx);
  // Deterministic pseudo-random delays (a fixed LCG) so a failure reproduces.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let mismatches = 0;
  let checks = 0;
  const execution = async (id: number) => {
    const steps = 3 + Math.floor(random() * 4);
    for (let step = 0; step < steps; step++) {
      const choice = random();
      if (choice < 0.3) await null;
      else if (choice < 0.6) await sleep(Math.floor(random() * 3));
      else if (choice < 0.8) await new Promise((resolve) => setImmediate(resolve));
      else await Promise.all([sleep(0), Promise.resolve()]);
      checks += 2;
      if (request.id !== id) mismatches++;
      if (ctx.get().id !== id) mismatches++;
    }
    // A listener registered inside the execution, fired later from the execution's own timer.
    const emitter = new EventEmitter();
    const heard = new Promise<number>((resolve) => emitter.on("ping", () => resolve(request.id)));
    setTimeout(() => emitter.emit("ping"), Math.floor(random() * 3));
    checks++;
    if ((await heard) !== id) mismatches++;
    // A nested run inside the execution, then back.
    await ctx.run({ id: -id }, async () => {
      await null;
      checks++;
      if (request.id !== -id) mismatches++;
    });
    checks++;
    if (request.id !== id) mismatches++;
  };
  await Promise.all(Array.from({ length: 1000 }, (_, i) => ctx.run({ id: i + 1 }, execution, i + 1)));
  expect(checks).toBeGreaterThan(4000);
  expect(mismatches).toBe(0);
  expect(ctx.tryGet()).toBeUndefined();
});
