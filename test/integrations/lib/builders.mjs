// One real build per tool, through its JavaScript API, as small as the tool allows. Each returns the path of the
// bundle to run. `plugin` is the tool's unproxy plugin, or null for the control build without it.
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);

function compilerRun(compiler) {
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) reject(error);
        else if (stats.hasErrors()) reject(stats.toJson({ all: false, errors: true }).errors[0]);
        else resolve();
      });
    });
  });
}

/** The app each tool builds: TypeScript where the tool compiles it by itself; rollup and webpack (no TS without
 * another plugin or loader) build the JavaScript app. */
export const entries = { rollup: "src/app.js", webpack: "src/app.js", rolldown: "src/app.ts", vite: "src/app.ts",
  esbuild: "src/app.ts", rspack: "src/app.ts" };

export const builders = {
  async rollup(dir, out, plugin, entry) {
    const { rollup } = await import("rollup");
    const bundle = await rollup({ input: join(dir, entry), external: ["unproxy"], plugins: plugin ? [plugin] : [] });
    await bundle.write({ file: join(out, "app.mjs"), format: "es", sourcemap: true });
    await bundle.close();
    return join(out, "app.mjs");
  },

  async rolldown(dir, out, plugin, entry) {
    const { build } = await import("rolldown");
    await build({
      input: join(dir, entry),
      external: ["unproxy"],
      plugins: plugin ? [plugin] : [],
      logLevel: "silent",
      output: { file: join(out, "app.mjs"), format: "es", sourcemap: true },
    });
    return join(out, "app.mjs");
  },

  async vite(dir, out, plugin, entry) {
    const { build } = await import("vite");
    await build({
      root: dir,
      configFile: false,
      logLevel: "silent",
      plugins: plugin ? [plugin] : [],
      build: {
        ssr: join(dir, entry),
        outDir: out,
        emptyOutDir: true,
        sourcemap: true,
        minify: false,
        rollupOptions: { external: ["unproxy"], output: { entryFileNames: "app.mjs", format: "es" } },
      },
    });
    return join(out, "app.mjs");
  },

  async esbuild(dir, out, plugin, entry) {
    const esbuild = await import("esbuild");
    await esbuild.build({
      entryPoints: [join(dir, entry)],
      bundle: true,
      platform: "node",
      format: "esm",
      external: ["unproxy"],
      outfile: join(out, "app.mjs"),
      sourcemap: true,
      logLevel: "silent",
      plugins: plugin ? [plugin] : [],
    });
    return join(out, "app.mjs");
  },

  async webpack(dir, out, plugin, entry) {
    const webpack = require("webpack");
    await compilerRun(
      webpack({
        mode: "none",
        context: dir,
        entry: join(dir, entry),
        target: "node",
        devtool: "source-map",
        output: { path: out, filename: "app.cjs", library: { type: "commonjs2" } },
        externals: { unproxy: "commonjs unproxy" },
        plugins: plugin ? [plugin] : [],
      }),
    );
    return join(out, "app.cjs");
  },

  async rspack(dir, out, plugin, entry) {
    const { rspack } = require("@rspack/core");
    await compilerRun(
      rspack({
        mode: "none",
        context: dir,
        entry: join(dir, entry),
        target: "node",
        devtool: "source-map",
        resolve: { extensions: [".ts", ".js"] },
        module: {
          rules: [
            {
              test: /\.[jt]s$/,
              loader: "builtin:swc-loader",
              options: { jsc: { parser: { syntax: "typescript" } } },
              type: "javascript/auto",
            },
          ],
        },
        output: { path: out, filename: "app.cjs", library: { type: "commonjs2" } },
        externals: { unproxy: "commonjs unproxy" },
        plugins: plugin ? [plugin] : [],
      }),
    );
    return join(out, "app.cjs");
  },
};
