import unproxy from "unproxy/esbuild";

// esbuild has no config file: pass these options to esbuild.build().
export default {
  entryPoints: ["src/app.ts"],
  bundle: true,
  plugins: [unproxy()],
};
