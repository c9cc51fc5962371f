// `node --import dist/spec/bench/hide-otel.js`: makes @opentelemetry/api unresolvable in this process,
// as for an application that does not install it (observability-overhead.ts's "not installed" mode).
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  if (request === '@opentelemetry/api' || request.startsWith('@opentelemetry/api/')) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return original.call(this, request, ...rest);
};
