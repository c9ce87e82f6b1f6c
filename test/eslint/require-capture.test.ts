// require-capture with ESLint's RuleTester: valid and invalid cases side by side, on JavaScript (espree) and on
// TypeScript (typescript-eslint's parser). Every error message is the exact text.
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import plugin, { rules } from "../../src/eslint/index";

const rule = rules["require-capture"];
const message = (names: string, api: string, line: number) =>
  `[UNPROXY_C010] This closure reads ${names} and is handed to ${api} (line ${line}), which may run it in ` +
  "another execution's context. Mark it: /* @unproxy */ before the function.";

const IMPORT = 'import { request } from "./context";\n';

const js = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: "module" } });

js.run("require-capture (JavaScript)", rule, {
  valid: [
    // marked by comment, on the function or on its declaration
    IMPORT + "setTimeout(/* @unproxy */ () => request.id);",
    IMPORT + "/** @unproxy */\nconst cb = () => request.id;\nsetTimeout(cb);",
    // marked by captureContext
    IMPORT + 'import { captureContext } from "unproxy";\nqueue.push(captureContext(() => request.id));',
    // reads nothing capturable: globals, literals, reassigned, function declarations
    "setTimeout(() => console.log(Date.now()));",
    'const label = "x";\nsetTimeout(() => label);',
    "let n = 0; n = 1;\nsetTimeout(() => n);",
    "function helper() {}\nsetTimeout(() => helper());",
    // not handed to a deferring API
    IMPORT + "[1, 2].map(() => request.id);",
    IMPORT + "const later = () => request.id;",
    // a namespace import's members are read live, as the plugin leaves them
    'import * as ctx from "./context";\nsetTimeout(() => ctx.request.id);',
    // capture: "known" — only proven proxies count
    { code: IMPORT + "setTimeout(() => request.id);", options: [{ capture: "known" }] },
    // the list replaced
    { code: IMPORT + "setTimeout(() => request.id);", options: [{ deferring: [".on"] }] },
  ],
  invalid: [
    {
      code: IMPORT + "setTimeout(() => request.id, 10);",
      output: IMPORT + "setTimeout(/* @unproxy */ () => request.id, 10);",
      errors: [{ message: message("request", "setTimeout", 2), line: 2, column: 12 }],
    },
    {
      code: IMPORT + "export function handle(reply) {\n  emitter.on('done', function () { reply(request.user); });\n}",
      output: IMPORT + "export function handle(reply) {\n  emitter.on('done', /* @unproxy */ function () { reply(request.user); });\n}",
      errors: [{ message: message("reply, request", ".on", 3) }],
    },
    {
      // through a constant, and through what a local function returns
      code: IMPORT + "const cb = () => request.id;\nprocess.nextTick(cb);\nfunction make() { return () => request.user; }\np.then(make());",
      output: IMPORT + "const cb = /* @unproxy */ () => request.id;\nprocess.nextTick(cb);\nfunction make() { return /* @unproxy */ () => request.user; }\np.then(make());",
      errors: [{ message: message("request", "process.nextTick", 3) }, { message: message("request", ".then", 5) }],
    },
    {
      // a local method that hands its parameter to .once is deferring too
      code: IMPORT + "class Batcher { subscribe(listener) { this.once('flush', listener); } }\nbatcher.subscribe(() => request.id);",
      output: IMPORT + "class Batcher { subscribe(listener) { this.once('flush', listener); } }\nbatcher.subscribe(/* @unproxy */ () => request.id);",
      errors: [{ message: message("request", ".subscribe", 3) }],
    },
    {
      code: IMPORT + "jobs.submit(() => request.id);",
      output: IMPORT + "jobs.submit(/* @unproxy */ () => request.id);",
      options: [{ additionalDeferring: [".submit"] }],
      errors: [{ message: message("request", ".submit", 2) }],
    },
    {
      code: 'import { contextProxy, createContext } from "unproxy";\nconst user = contextProxy(createContext("user"));\nwindow.requestAnimationFrame(() => user.name);',
      output: 'import { contextProxy, createContext } from "unproxy";\nconst user = contextProxy(createContext("user"));\nwindow.requestAnimationFrame(/* @unproxy */ () => user.name);',
      options: [{ capture: "known" }],
      errors: [{ message: message("user", "requestAnimationFrame", 3) }],
    },
  ],
});

const ts = new RuleTester({ languageOptions: { parser: tseslint.parser as never, sourceType: "module" } });

ts.run("require-capture (TypeScript)", rule, {
  valid: [
    // a type-only use is not a read
    'import { Request } from "./context";\nsetTimeout(() => null as unknown as Request);',
    'import { request } from "./context";\nsetTimeout(/* @unproxy */ (): void => void request.id);',
    'declare const request: { id: string };\nsetTimeout(() => request.id);',
  ],
  invalid: [
    {
      code: 'import { request } from "./context";\nqueue.push((() => request.id) as () => string);',
      output: 'import { request } from "./context";\nqueue.push((/* @unproxy */ () => request.id) as () => string);',
      errors: [{ message: message("request", ".push", 2) }],
    },
    {
      code: 'import { request, type Reply } from "./context";\nexport function createCallback(reply: Reply): () => void {\n  return (): void => reply({ id: request.id });\n}\npool.schedule(createCallback(send));',
      output: 'import { request, type Reply } from "./context";\nexport function createCallback(reply: Reply): () => void {\n  return /* @unproxy */ (): void => reply({ id: request.id });\n}\npool.schedule(createCallback(send));',
      errors: [{ message: message("reply, request", ".schedule", 5) }],
    },
  ],
});

test("the plugin: flat-config shape, recommended config, rule meta", () => {
  expect(plugin.meta).toEqual({ name: "unproxy" });
  expect(plugin.configs.recommended).toEqual({
    name: "unproxy/recommended",
    plugins: { unproxy: plugin },
    rules: { "unproxy/require-capture": "error" },
  });
  expect(rule.meta).toMatchObject({ type: "problem", fixable: "code", docs: { recommended: true } });
});
