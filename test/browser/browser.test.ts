// The runtime's browser build and plugin-compiled closures in a real browser: headless Chromium (Debian's package,
// installed by .ci/services.sh) driven by playwright-core. Pages are bundled by esbuild through the package's
// "browser" export condition and served on 127.0.0.1 by a child process (test/browser/server.mjs).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { CHROMIUM, launch, type Browser } from "./chromium";

const root = join(__dirname, "..", "..");
const HAND_OFFS = ["setTimeout", "requestAnimationFrame", "MessageChannel", "fetch().then", "addEventListener", "await"];

let server: ChildProcessWithoutNullStreams;
let url: string;
let inputs: Record<string, string[]>;
let browser: Browser;

// Under CI a missing Chromium fails these tests; elsewhere they are skipped and the reason printed (the demo's pg test
// does the same), so `npm ci && npm test` works on a machine without Debian's chromium.
const ci = !!process.env.CI && process.env.CI !== "0" && process.env.CI !== "false";
const available = existsSync(CHROMIUM);
if (!available && !ci) {
  console.warn(`browser tests skipped: ${CHROMIUM} not found (\`sudo bash .ci/services.sh\` or apt-get install chromium)`);
}

(available || ci ? describe : describe.skip)("in headless Chromium", () => {
  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} not found: run \`sudo bash .ci/services.sh\` (Debian: apt-get install chromium)`);
    server = spawn(process.execPath, [join(__dirname, "server.mjs")], { cwd: root });
    const first = await new Promise<string>((resolve, reject) => {
      let out = "";
      let err = "";
      server.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
      });
      server.stderr.on("data", (chunk) => (err += chunk));
      server.on("exit", (code) => reject(new Error(`browser test server exited (${code}): ${err}`)));
    });
    ({ url, inputs } = JSON.parse(first));
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.stdin.end();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(new URL(path, url).href);
    (page as Page & { errors?: string[] }).errors = errors;
    return page;
  }

  interface Result {
    handOff: string;
    expected: string;
    seen: string;
  }

  async function runExample(build: "plugin" | "plain"): Promise<{ kind: string; compiled: boolean; results: Result[] }> {
    const page = await open(`/?build=${build}`);
    try {
      await page.click("#start");
      // The addEventListener callbacks run on a real click, in no visit at all.
      await page.click("#click");
      const results = await page.evaluate(() => window.unproxyExample.results!);
      const { backendKind: kind, compiled } = await page.evaluate(() => window.unproxyExample);
      await page.waitForSelector("#results tr");
      expect((page as Page & { errors?: string[] }).errors).toEqual([]);
      return { kind, compiled, results };
    } finally {
      await page.close();
    }
  }

  declare global {
    interface Window {
      unproxyExample: { backendKind: string; compiled: boolean; results: Promise<Result[]> | undefined };
      checks: Record<string, () => unknown>;
    }
  }

  async function checks(fixture: string, names: string[]): Promise<Record<string, unknown>> {
    const page = await open(`/fixture/${fixture}`);
    try {
      await page.waitForFunction(() => window.checks !== undefined, undefined, { timeout: 10_000 });
      const out: Record<string, unknown> = {};
      for (const name of names) out[name] = await page.evaluate((n) => window.checks[n]!(), name);
      expect((page as Page & { errors?: string[] }).errors).toEqual([]);
      return out;
    } finally {
      await page.close();
    }
  }

  test("bundles use the runtime's browser build (the \"browser\" export condition), never node:async_hooks", () => {
    for (const name of ["plugin", "plain", "sync-stack", "async-context-plugin"]) {
      expect(inputs[name]).toContain("dist/esm/runtime/index.browser.js");
      expect(inputs[name]).not.toContain("dist/esm/runtime/index.js");
      expect(inputs[name]!.filter((input) => /async_hooks|backend-async-local-storage/.test(input))).toEqual([]);
    }
  });

  test("require(\"unproxy\") bundled for browsers gets the CommonJS browser build, which runs in Chromium", async () => {
    expect(inputs.require).toContain("dist/cjs/runtime/index.browser.js");
    expect(inputs.require!.filter((input) => input.startsWith("dist/") && !input.startsWith("dist/cjs/"))).toEqual([]);
    expect(await checks("require", ["backendKind", "syncRead"])).toEqual({ backendKind: "sync-stack", syncRead: "A" });
  }, 30_000);

  test("compiled closures keep their creation values across every browser hand-off", async () => {
    const { kind, compiled, results } = await runExample("plugin");
    expect({ kind, compiled }).toEqual({ kind: "sync-stack", compiled: true });
    expect(results.map((r) => r.handOff)).toEqual(HAND_OFFS.flatMap((h) => [h, h]));
    for (const result of results) expect(result.seen).toBe(result.expected);
  }, 30_000);

  test("the same page without the plugin: every hand-off finds no visit (sync-stack; never another visit's)", async () => {
    const { kind, compiled, results } = await runExample("plain");
    expect({ kind, compiled }).toEqual({ kind: "sync-stack", compiled: false });
    expect(results.map((r) => [r.handOff, r.seen])).toEqual(
      HAND_OFFS.flatMap((h) => [[h, "no visit (UNPROXY_UNBOUND)"], [h, "no visit (UNPROXY_UNBOUND)"]]),
    );
  }, 30_000);

  describe("the sync-stack backend across await, uncompiled (what it covers, what it cannot)", () => {
    let seen: Record<string, unknown>;
    beforeAll(async () => {
      seen = await checks("sync-stack", [
        "backendKind", "acrossAwait", "interleaved", "runAfterAwait", "scheduledCallbacks", "captureContextFallback",
      ]);
    }, 30_000);

    test("it is the backend of the browser build in an engine without AsyncContext", () => {
      expect(seen.backendKind).toBe("sync-stack");
    });

    test("an async function started in run() sees the value up to its first await, and not after it", () => {
      expect(seen.acrossAwait).toEqual({
        beforeAwait: "A", afterRunReturned: "unbound", afterAwaitNull: "unbound", afterAwaitTimer: "unbound",
      });
    });

    test("after an await a read is unbound, never another run's value, even when continuations interleave", () => {
      expect(seen.interleaved).toEqual(["B saw unbound", "A saw unbound"]);
    });

    test("a run() entered after an await covers its own synchronous extent", () => {
      expect(seen.runAfterAwait).toBe("C");
    });

    test("callbacks scheduled inside run() (a timer, a promise reaction) run outside it", () => {
      expect(seen.scheduledCallbacks).toEqual({ timer: "unbound", reaction: "unbound" });
    });

    test("captureContext(fn) uncompiled: each call of fn sees the creation value up to fn's first await", () => {
      expect(seen.captureContextFallback).toEqual({ callSync: "A", callAfterAwait: "unbound" });
    });
  });

  describe("the AsyncContext backend (engine model installed before the runtime; Chromium 156 has none)", () => {
    test("compiled: the browser build picks it; closures keep creation values across a timer and an await", async () => {
      const seen = await checks("async-context-plugin", [
        "engineHasAsyncContext", "backendKind", "syncRead", "compiledAcrossTimer", "compiledAcrossAwait", "captureAcrossTimer",
      ]);
      expect(seen).toEqual({
        engineHasAsyncContext: false, backendKind: "async-context", syncRead: "A", compiledAcrossTimer: "A",
        compiledAcrossAwait: "B", captureAcrossTimer: "C",
      });
    }, 30_000);

    test("uncompiled: captureContext() restores the value through AsyncContext.Snapshot", async () => {
      const seen = await checks("async-context-plain", ["backendKind", "syncRead", "captureAcrossTimer"]);
      expect(seen).toEqual({ backendKind: "async-context", syncRead: "A", captureAcrossTimer: "C" });
    }, 30_000);
  });
});
