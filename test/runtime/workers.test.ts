// Worker threads do not inherit contexts: snapshotContexts() + runWithContexts() carry the named ones across.
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  contextProxy,
  createContext,
  runWithContexts,
  snapshotContexts,
} from "../../src/runtime/index";
import { ensureDist, root } from "./support/dist";

beforeAll(ensureDist);

interface Request {
  user: { id: number };
  tags: string[];
}

const requestContext = createContext<Request>("request");
const tenantContext = createContext<string>("tenant");

function runWorker(snapshot: unknown): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const messages: unknown[] = [];
    const worker = new Worker(join(__dirname, "support", "worker.cjs"), { workerData: { snapshot, root } });
    worker.on("message", (message) => messages.push(message));
    worker.on("error", reject);
    worker.on("exit", () => resolve(messages));
  });
}

test("a real Worker sees the bound named contexts through the same proxies", async () => {
  const snapshot = requestContext.run({ user: { id: 7 }, tags: ["a", "b"] }, () =>
    tenantContext.run("acme", () => snapshotContexts()),
  );
  expect(snapshot).toEqual({
    unproxySnapshot: 1,
    values: { request: { user: { id: 7 }, tags: ["a", "b"] }, tenant: "acme" },
  });
  const messages = await runWorker(snapshot);
  expect(messages).toEqual([
    {
      before: "unbound",
      sync: { label: "sync", userId: 7, tags: ["a", "b"], tenant: "acme" },
      async: { label: "async", userId: 7, tags: ["a", "b"], tenant: "acme" },
      after: "pending",
    },
    { outside: true },
  ]);
});

test("only bound contexts are taken; only/exclude select them", () => {
  expect(snapshotContexts().values).toEqual({});
  tenantContext.run("acme", () => {
    expect(snapshotContexts().values).toEqual({ tenant: "acme" });
    requestContext.run({ user: { id: 1 }, tags: [] }, () => {
      expect(Object.keys(snapshotContexts({ only: ["request"] }).values)).toEqual(["request"]);
      expect(Object.keys(snapshotContexts({ exclude: ["request"] }).values)).toEqual(["tenant"]);
    });
  });
});

test("runWithContexts binds in this thread too, with arguments, and restores afterwards", () => {
  const request = contextProxy(requestContext);
  const snapshot = requestContext.run({ user: { id: 3 }, tags: [] }, () => snapshotContexts());
  expect(runWithContexts(snapshot, (n: number) => request.user.id + n, 10)).toBe(13);
  expect(requestContext.tryGet()).toBeUndefined();
});

test("a value that cannot be cloned gives an error naming its context", () => {
  const sessionContext = createContext<{ save: () => void }>("session");
  expect(() => sessionContext.run({ save() {} }, () => snapshotContexts())).toThrow(
    '[UNPROXY_R011] context "session" cannot be sent to another thread, its value is not structured-cloneable ' +
      "(DataCloneError: save() {} could not be cloned.). Bind plain data, or leave it out with " +
      'snapshotContexts({ exclude: ["session"] }).',
  );
  expect(sessionContext.run({ save() {} }, () => snapshotContexts({ exclude: ["session"] })).values).toEqual({});
});

test("two contexts with one name bound to different values are refused; to the same value is fine", () => {
  const first = createContext<string>("twin");
  const second = createContext<string>("twin");
  expect(() => first.run("x", () => second.run("y", () => snapshotContexts({ only: ["twin"] })))).toThrow(
    '[UNPROXY_R012] two contexts named "twin" are bound to different values; give each a unique name.',
  );
  const same = first.run("x", () => second.run("x", () => snapshotContexts({ only: ["twin"] })));
  expect(same.values).toEqual({ twin: "x" });
  // Restoring binds every context of that name.
  expect(runWithContexts(same, () => [first.get(), second.get()])).toEqual(["x", "x"]);
});

test("a snapshot naming a context this thread does not have is refused unless ignoreMissing", () => {
  const snapshot = { unproxySnapshot: 1 as const, values: { nowhere: 1, tenant: "t" } };
  expect(() => runWithContexts(snapshot, () => 0)).toThrow(
    '[UNPROXY_R013] the snapshot binds context "nowhere", which this thread has not created; import its module first, ' +
      "or pass { ignoreMissing: true }.",
  );
  expect(runWithContexts(snapshot, { ignoreMissing: true }, () => tenantContext.get())).toBe("t");
});

test("runWithContexts checks its arguments", () => {
  expect(() => runWithContexts({} as never, () => 0)).toThrow(
    "[UNPROXY_R014] runWithContexts(snapshot, fn) needs a snapshot from snapshotContexts(), got an object.",
  );
  expect(() => runWithContexts(snapshotContexts(), 5 as never)).toThrow(
    "[UNPROXY_R017] runWithContexts(snapshot, fn) needs a function, got 5.",
  );
});
