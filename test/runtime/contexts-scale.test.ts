// Contexts created per request or per test must not make every later async operation slower: all contexts live in
// one store, so the runtime's AsyncLocalStorage count stays 1 however many contexts were created, and the list of
// bound contexts stays as long as the number bound at once, however long a chain of runs.
import type { Scope } from "../../src/runtime/backend";

type Runtime = typeof import("../../src/runtime/index");

/** Loads a fresh runtime with AsyncLocalStorage construction and run() counted. */
function countingRuntime(): { rt: Runtime; created: () => number; ran: () => number; readScope: () => Scope | undefined } {
  const actual = jest.requireActual<typeof import("node:async_hooks")>("node:async_hooks");
  const instances = new Set<object>();
  let created = 0;
  class CountingStorage<T> extends actual.AsyncLocalStorage<T> {
    constructor() {
      super();
      created++;
    }
    override run<R>(store: T, fn: (...args: any[]) => R, ...args: any[]): R {
      instances.add(this);
      return super.run(store, fn, ...args);
    }
  }
  let rt!: Runtime;
  let state!: typeof import("../../src/runtime/state");
  jest.isolateModules(() => {
    jest.doMock("node:async_hooks", () => ({ ...actual, AsyncLocalStorage: CountingStorage }));
    state = require("../../src/runtime/state");
    delete state.state.asyncLocalStorage; // as in a process where no copy of the runtime has loaded yet
    rt = require("../../src/runtime/index");
  });
  return {
    rt,
    created: () => created,
    ran: () => instances.size,
    readScope: () => state.state.asyncLocalStorage!.getStore(),
  };
}

function length(scope: Scope | undefined): number {
  let n = 0;
  for (; scope !== undefined; scope = scope.n) n++;
  return n;
}

test.each([0, 1_000, 10_000])("after %i contexts created and run, the runtime has created one AsyncLocalStorage", async (count) => {
  const { rt, created, ran } = countingRuntime();
  const ctx = rt.createContext<number>("main");
  await ctx.run(0, async () => {
    for (let i = 0; i < count; i++) {
      const perRequest = rt.createContext<number>(`request-${i}`);
      await perRequest.run(i, async () => {
        if (perRequest.get() !== i) throw new Error("lost the value");
      });
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(ctx.get()).toBe(0);
  });
  expect(created()).toBe(1);
  expect(ran()).toBe(1);
});

test("the list of bound contexts stays as long as the number bound at once", async () => {
  const { rt, readScope } = countingRuntime();
  const a = rt.createContext<number>("a");
  const b = rt.createContext<number>("b");
  // Same context, recursively.
  const deepSame = (n: number): number => (n === 0 ? length(readScope()) : a.run(n, deepSame, n - 1));
  expect(deepSame(1_000)).toBe(1);
  // Two contexts, alternating: each re-binding drops the earlier entry, wherever it is.
  const deepAlternating = (n: number): number[] =>
    n === 0 ? [length(readScope()), a.get(), b.get()] : (n % 2 ? a : b).run(n, deepAlternating, n - 1);
  expect(deepAlternating(1_000)).toEqual([2, 1, 2]);
  // A job that re-schedules itself inside its own run(), 200 times.
  const lengths: number[] = [];
  await new Promise<void>((done) => {
    const step = (n: number): void => {
      lengths.push(length(readScope()));
      if (n === 0) return done();
      setImmediate(() => a.run(n, step, n - 1));
    };
    b.run(0, () => a.run(200, step, 199));
  });
  expect(Math.max(...lengths)).toBe(2);
});

test("a run's resources keep their identity when another context is re-bound inside it", () => {
  const { rt } = countingRuntime();
  const a = rt.createContext<string>("a");
  const b = rt.createContext<string>("b");
  let made = 0;
  const connection = rt.createResource(b, (value) => ({ value, n: ++made }));
  a.run("a1", () =>
    b.run("b1", () => {
      const first = connection.get();
      // Re-binding a (bound behind b) copies b's entry in front of it: b's run is still the same run.
      a.run("a2", () => {
        expect(connection.get()).toBe(first);
        expect([a.get(), b.get()]).toEqual(["a2", "b1"]);
      });
      b.run("b2", () => expect(connection.get()).not.toBe(first));
      expect(connection.get()).toBe(first);
    }),
  );
  expect(made).toBe(2);
});

test("the registry of named contexts stays proportional to the contexts alive, not to all ever created", async () => {
  // --expose-gc for this process only: the registry holds WeakRefs, and what matters is what it keeps after a GC.
  require("node:v8").setFlagsFromString("--expose-gc");
  const gc = require("node:vm").runInNewContext("gc") as () => void;
  const { rt } = countingRuntime();
  const { state } = require("../../src/runtime/state") as typeof import("../../src/runtime/state");
  // As in a fresh process.
  state.contexts.clear();
  delete state.registrations;
  delete state.sweepAt;
  const entries = () => [...state.contexts.values()].reduce((n, list) => n + list.length, 0);
  const kept = rt.createContext<number>("kept");
  let most = 0;
  // 12 "requests" of 500 contexts each (unique names, then one shared name), each collected before the next.
  for (let round = 0; round < 12; round++) {
    for (let i = 0; i < 500; i++) rt.createContext<number>(round % 2 ? "per-test" : `request-${round}-${i}`).run(i, () => i);
    most = Math.max(most, entries());
    await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets stay alive until the current job ends
    gc();
  }
  expect(most).toBeLessThan(2_100); // 6,001 created; a sweep whenever registrations double since the last one
  expect(state.contexts.has("request-0-0")).toBe(false);
  expect(rt.snapshotContexts().values).toEqual({});
  expect(kept.run(1, () => rt.snapshotContexts().values)).toEqual({ kept: 1 });
});
