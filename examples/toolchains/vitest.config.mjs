import { defineConfig } from "vitest/config";
import unproxy from "unproxy/vite";

export default defineConfig({
  plugins: [unproxy()],
});
