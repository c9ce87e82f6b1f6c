// Worker side of workers.test.ts: the same named contexts and proxies, bound from the snapshot in workerData.
const { parentPort, workerData } = require("node:worker_threads");
const { createContext, contextProxy, runWithContexts, UnboundContextError } = require(`${workerData.root}/dist/cjs/runtime/index.js`);

const requestContext = createContext("request");
const tenantContext = createContext("tenant");
const request = contextProxy(requestContext);

const report = (label) => ({
  label,
  userId: request.user.id,
  tags: [...request.tags],
  tenant: tenantContext.tryGet(),
});

const before = (() => {
  try {
    return request.user.id;
  } catch (error) {
    return error instanceof UnboundContextError ? "unbound" : String(error);
  }
})();

runWithContexts(workerData.snapshot, async () => {
  const sync = report("sync");
  await new Promise((resolve) => setTimeout(resolve, 1));
  parentPort.postMessage({ before, sync, async: report("async"), after: "pending" });
}).then(() => parentPort.postMessage({ outside: requestContext.tryGet() === undefined }));
