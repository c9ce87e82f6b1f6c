// Type-checked by types.test.ts as an ESM consumer of the built package (moduleResolution node16).
import { captureContext, contextProxy, createContext, unproxy, UnboundContextError } from "unproxy";

interface Request {
  user: { id: number };
}
const requestContext = createContext<Request>("request");
const request: Request = contextProxy(requestContext);
const id: number = request.user.id;
const fromGetter: { id: number } = contextProxy(() => requestContext.tryGet()?.user, { name: "user" });
const captured: (a: string) => number = captureContext((a: string) => a.length + id);
const same: Request = unproxy(request);
const code: "UNPROXY_UNBOUND" = new UnboundContextError("x").code;
const result: string = requestContext.run({ user: { id: 1 } }, (n: number) => String(n), 1);
// @ts-expect-error primitives cannot be proxied
contextProxy(createContext<number>("n"));
export { captured, code, fromGetter, result, same };
