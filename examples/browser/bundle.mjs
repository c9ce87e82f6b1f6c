// Bundles browser code the way an app would: Babel (preset-typescript, plus unproxy/babel unless `plain`) on each
// TypeScript file, then esbuild for the browser, which picks the runtime's "browser" export
// (dist/esm/runtime/index.browser.js) through this package's own `exports`. Used by serve.mjs and test/browser.
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const repoDir = fileURLToPath(new URL("../..", import.meta.url));

function babelPlugin(compile) {
  const babel = require("@babel/core");
  return {
    name: "unproxy-example-babel",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const result = await babel.transformAsync(await readFile(path, "utf8"), {
          filename: path,
          configFile: false,
          babelrc: false,
          presets: [require.resolve("@babel/preset-typescript")],
          plugins: compile ? [require.resolve("unproxy/babel")] : [],
          sourceMaps: "inline",
        });
        return { contents: result.code, loader: "js" };
      });
    },
  };
}

/**
 * Returns { code, inputs } for `entry` (a path): code is one ES module for browsers; inputs lists the files it
 * contains (relative to the repository), so callers can check which runtime entry was bundled.
 * options: plain (skip the plugin), define (esbuild defines).
 */
export async function bundle(entry, { plain = false, define = {} } = {}) {
  const esbuild = require("esbuild");
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: repoDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    define,
    plugins: [babelPlugin(!plain)],
  });
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
}
