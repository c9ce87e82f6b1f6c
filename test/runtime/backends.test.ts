// The two backends Node does not pick by default, tested directly: the synchronous stack (browsers) and
// AsyncContext (engines that ship the proposal), the latter through a small stand-in built on AsyncLocalStorage.
import { AsyncLocalStorage } from "node:async_hooks";
import { build } from "esbuild";
import { createSyncStackBackend } from "../../src/runtime/backend-sync-stack";
import { asyncContextBackend } from "../../src/runtime/backend-async-context";
import { captureFactory } from "../../src/runtime/capture";
import { contextFactory } from "../../src/runtime/context";
import { contextProxy, configure, UnboundContextError } from "../../src/runtime/index";

configure({ warnings: false });

describe("sync-stack backend", () => {
  const backend = createSyncStackBackend();
  const createContext = contextFactory(backend);
  const captureContext = captureFactory(backend);

  test("a value is visible for the synchronous extent of run(), nested, restored on throw", () => {
    const ctx = createContext<{ id: number }>("request");
    const request = contextProxy(ctx);
    expect(backend.kind).toBe("sync-stack");
    expect(ctx.tryGet()).toBeUndefined();
    ctx.run({ id: 1 }, () => {
      expect(request.id).toBe(1);
      ctx.run({ id: 2 }, () => expect(request.id).toBe(2));
      expect(() =>
        ctx.run({ id: 3 }, () => {
          throw new Error("x");
        }),
      ).toThrow("x");
      expect(request.id).toBe(1);
    });
    expect(() => request.id).toThrow(UnboundContextError);
  });

  test("async hand-offs lose the value, captureContext keeps it", async () => {
    const ctx = createContext<string>("flow");
    const results = await ctx.run("mine", async () => {
      const plain = new Promise<string | undefined>((resolve) => setTimeout(() => resolve(ctx.tryGet()), 1));
      const captured = new Promise<string | undefined>((resolve) =>
        setTimeout(captureContext(() => resolve(ctx.tryGet())), 1),
      );
      return Promise.all([plain, captured]);
    });
    expect(results).toEqual([undefined, "mine"]);
  });

  test("a snapshot restores every context as it was, including unbound ones, and puts them back afterwards", () => {
    const a = createContext<string>("a");
    const b = createContext<string>("b");
    const readBoth = () => [a.tryGet(), b.tryGet()];
    const captured = a.run("a1", () => captureContext(readBoth));
    const later = createContext<string>("later");
    b.run("b2", () =>
      later.run("l", () => {
        expect(captured()).toEqual(["a1", undefined]);
        // A context created after the snapshot is left as it is.
        expect(captureContext(() => later.tryGet())()).toBe("l");
        expect(readBoth()).toEqual([undefined, "b2"]);
      }),
    );
    const throwing = a.run("a3", () =>
      captureContext(() => {
        throw new Error("inside");
      }),
    );
    a.run("a4", () => {
      expect(throwing).toThrow("inside");
      expect(a.get()).toBe("a4");
    });
  });
});

describe("async-context backend", () => {
  // Just enough of the proposal: Variable and Snapshot.
  const names: (string | undefined)[] = [];
  class Variable<T> {
    readonly #storage = new AsyncLocalStorage<T>();
    constructor(options?: { name?: string }) {
      names.push(options?.name);
    }
    get(): T | undefined {
      return this.#storage.getStore();
    }
    run<R>(value: T, fn: (...args: any[]) => R, ...args: unknown[]): R {
      return this.#storage.run(value, fn, ...args);
    }
  }
  class Snapshot {
    readonly #run = AsyncLocalStorage.snapshot();
    run<R>(fn: (...args: any[]) => R, ...args: unknown[]): R {
      return this.#run(fn, ...args);
    }
  }
  const backend = asyncContextBackend({ Variable, Snapshot });
  const createContext = contextFactory(backend);
  const captureContext = captureFactory(backend);

  test("every context lives in one AsyncContext.Variable; values follow await", async () => {
    const ctx = createContext<{ id: number }>("request");
    createContext("other");
    const request = contextProxy(ctx);
    expect(backend.kind).toBe("async-context");
    expect(names).toEqual(["unproxy"]);
    // Another backend over the same namespace (another copy of the runtime) shares it.
    asyncContextBackend({ Variable, Snapshot });
    expect(names).toEqual(["unproxy"]);
    const ids = await Promise.all(
      [1, 2, 3].map((id) =>
        ctx.run({ id }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 3 - id));
          return request.id;
        }),
      ),
    );
    expect(ids).toEqual([1, 2, 3]);
  });

  test("captureContext runs in an AsyncContext.Snapshot taken at capture, with this and arguments", () => {
    const ctx = createContext<string>("s");
    const captured = ctx.run("captured", () =>
      captureContext(function (this: { tag: string }, suffix: string) {
        return `${this.tag}:${ctx.get()}${suffix}`;
      }),
    );
    expect(ctx.run("other", () => captured.call({ tag: "t" }, "!"))).toBe("t:captured!");
  });

  test("index.ts and index.browser.ts pick AsyncContext when the engine has it", () => {
    const global = globalThis as { AsyncContext?: unknown };
    global.AsyncContext = { Variable, Snapshot };
    try {
      jest.isolateModules(() => {
        expect(require("../../src/runtime/index").backendKind).toBe("async-context");
        expect(require("../../src/runtime/index.browser").backendKind).toBe("async-context");
      });
    } finally {
      delete global.AsyncContext;
    }
  });
});

describe("browser entry", () => {
  test("uses the sync stack when the engine has no AsyncContext", () => {
    jest.isolateModules(() => {
      expect(require("../../src/runtime/index.browser").backendKind).toBe("sync-stack");
    });
  });

  test("bundles for the browser without node:async_hooks", async () => {
    const result = await build({
      entryPoints: [require.resolve("../../src/runtime/index.browser.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((file) => file.endsWith("index.browser.ts"))).toBe(true);
    expect(inputs.filter((file) => /async-local-storage|async_hooks/.test(file))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toContain("async_hooks");
  });
});
