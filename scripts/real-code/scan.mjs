// Real code, every closure marked (issue 5, part 2): runs the plugin with markAll over every .js/.mjs/.cjs/.ts/.tsx
// file of the project's node_modules (no .d.ts) and counts what happened. Internal crashes must be zero.
//   node scripts/real-code/scan.mjs [--dir node_modules] [--workers 2] [--max-seconds 1200] [--json out.json]
// Needs a build (npm run build). Exit status 1 when any file crashed the plugin.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const require = createRequire(import.meta.url);
const { scanFile, listFiles } = require("./scan-file.cjs");

if (!isMainThread) {
  const deadline = workerData.deadline;
  for (const file of workerData.files) {
    if (Date.now() > deadline) break;
    let r;
    try {
      r = scanFile(file);
    } catch (e) {
      r = { outcome: "crash", error: `scanner: ${e && e.stack}` }; // e.g. an unreadable file
    }
    parentPort.postMessage({ file, ...r });
  }
} else {
  const args = { dir: "node_modules", workers: 2, "max-seconds": 1200, json: "node_modules/.cache/unproxy-real-code/scan.json" };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    if (!(key in args)) throw new Error(`scan: unknown option ${argv[i]}`);
    args[key] = typeof args[key] === "number" ? Number(argv[++i]) : argv[++i];
  }
  const started = Date.now();
  const { files, big } = listFiles(args.dir);
  const deadline = started + args["max-seconds"] * 1000;
  const totals = { files: files.length, read: 0, ok: 0, parseErrors: 0, baselineErrors: 0, diagnostics: {}, crashes: [],
    closures: 0, captured: 0, skippedOverSize: big };
  await Promise.all(
    Array.from({ length: args.workers }, (_, w) => new Promise((resolve, reject) => {
      const mine = files.filter((_, i) => i % args.workers === w);
      const worker = new Worker(new URL(import.meta.url), { workerData: { files: mine, deadline } });
      worker.on("message", (r) => {
        totals.read++;
        if (r.outcome === "ok") totals.ok++;
        else if (r.outcome === "parse-error") totals.parseErrors++;
        else if (r.outcome === "baseline-error") totals.baselineErrors++;
        else if (r.outcome === "diagnostic") totals.diagnostics[r.code] = (totals.diagnostics[r.code] || 0) + 1;
        else totals.crashes.push({ file: r.file, error: r.error });
        totals.closures += r.closures || 0;
        totals.captured += r.captured || 0;
        if (totals.read % 500 === 0) process.stderr.write(`${totals.read}/${files.length} files\n`);
      });
      worker.on("error", reject);
      worker.on("exit", resolve);
    })),
  );
  totals.seconds = Math.round((Date.now() - started) / 1000);
  totals.timedOut = totals.read < files.length;
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, JSON.stringify(totals, null, 2) + "\n");
  for (const c of totals.crashes) process.stderr.write(`CRASH ${c.file}\n${c.error}\n\n`);
  const { crashes, ...rest } = totals;
  console.log(JSON.stringify({ ...rest, crashes: crashes.length }, null, 2));
  process.exitCode = crashes.length ? 1 : 0;
}
