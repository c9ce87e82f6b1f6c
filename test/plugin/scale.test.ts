// Structural facts about how the plugin's work grows with the input (times are measured by
// scripts/plugin-scale.mjs, not asserted here).
import * as babel from "@babel/core";
import plugin from "../../src/plugin/index";

/** N marked closures inside one function declaration that is referenced N times. */
function closuresInOneDeclaration(n: number): string {
  const lines = ['import { request } from "./context";', "const value = request;", "function helper() {"];
  for (let i = 0; i < n; i++) lines.push(`  queue.push(/* @unproxy */ () => [value.id, ${i}]);`);
  lines.push("}");
  for (let i = 0; i < n; i++) lines.push(`export const ref${i} = () => helper();`);
  return lines.join("\n");
}

/** How many times the plugin reads an element of `helper`'s reference list. */
function referenceReads(n: number): number {
  let reads = 0;
  const counting = {
    pre(file: babel.BabelFile) {
      const binding = (file as unknown as { scope: { getBinding(name: string): any } }).scope.getBinding("helper");
      binding.referencePaths = new Proxy(binding.referencePaths, {
        get(target, key, receiver) {
          if (typeof key === "string" && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    },
    visitor: {},
  };
  const { code } = babel.transformSync(closuresInOneDeclaration(n), {
    filename: "scale.js",
    configFile: false,
    babelrc: false,
    plugins: [() => counting, plugin],
  })!;
  expect(code!.match(/_unproxy\(value\)/g)).toHaveLength(n);
  return reads;
}

test("the initialisation-order analysis reads a declaration's references once, whatever the number of closures", () => {
  expect(referenceReads(50)).toBe(50);
  expect(referenceReads(200)).toBe(200);
});
