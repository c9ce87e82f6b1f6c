// One real build per tool, through its JavaScript API, from the tool's config in examples/toolchains (the README's
// recipes) plus what a test needs on top: absolute paths, the runtime left external, source maps, no minifying.
// `config` is that file's export, or null for the control build without the plugin.
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const examples = fileURLToPath(new URL("../../../examples/toolchains/", import.meta.url));

export const configFiles = {
  vite: "vite.config.mjs",
  rollup: "rollup.config.mjs",
  rolldown: "rolldown.config.mjs",
  esbuild: "esbuild.config.mjs",
  webpack: "webpack.config.cjs",
  rspack: "rspack.config.cjs",
};

export async function loadConfig(tool) {
  const file = join(examples, configFiles[tool]);
  return file.endsWith(".cjs") ? require(file) : (await import(file)).default;
}

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

/** The entry the example config names, or the same for the control build. */
const entries = {
  vite: "src/app.ts",
  rollup: "src/app.js",
  rolldown: "src/app.ts",
  esbuild: "src/app.ts",
  webpack: "src/app.js",
  rspack: "src/app.ts",
};

export const builders = {
  async rollup(dir, out, config, entry = entries.rollup) {
    const { rollup } = await import("rollup");
    const bundle = await rollup({ ...config, input: join(dir, entry), external: ["unproxy"] });
    await bundle.write({ ...config?.output, dir: undefined, file: join(out, "app.mjs"), sourcemap: true });
    await bundle.close();
    return join(out, "app.mjs");
  },

  async rolldown(dir, out, config, entry = entries.rolldown) {
    const { build } = await import("rolldown");
    await build({
      ...config,
      input: join(dir, entry),
      external: ["unproxy"],
      logLevel: "silent",
      output: { file: join(out, "app.mjs"), format: "es", sourcemap: true },
    });
    return join(out, "app.mjs");
  },

  async vite(dir, out, config, entry = entries.vite) {
    const { build } = await import("vite");
    await build({
      // The example file itself, as `vite build` would load it; merged with the settings below.
      configFile: config ? join(examples, configFiles.vite) : false,
      root: dir,
      logLevel: "silent",
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

  async esbuild(dir, out, config, entry = entries.esbuild) {
    const esbuild = await import("esbuild");
    await esbuild.build({
      bundle: true,
      ...config,
      entryPoints: [join(dir, entry)],
      platform: "node",
      format: "esm",
      external: ["unproxy"],
      outfile: join(out, "app.mjs"),
      sourcemap: true,
      logLevel: "silent",
    });
    return join(out, "app.mjs");
  },

  async webpack(dir, out, config, entry = entries.webpack) {
    const webpack = require("webpack");
    await compilerRun(
      webpack({
        ...config,
        mode: "none",
        context: dir,
        entry: join(dir, entry),
        target: "node",
        devtool: "source-map",
        output: { path: out, filename: "app.cjs", library: { type: "commonjs2" } },
        externals: { unproxy: "commonjs unproxy" },
      }),
    );
    return join(out, "app.cjs");
  },

  async rspack(dir, out, config, entry = entries.rspack) {
    const { rspack } = require("@rspack/core");
    await compilerRun(
      rspack({
        ...config,
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
      }),
    );
    return join(out, "app.cjs");
  },
};
