// Times what activation costs the extension host: loading dist/extension.js and calling
// activate(), with a stand-in for the `vscode` module (every member a no-op that returns
// another stand-in). Prints "ACTIVATE <ms>". Run by bench.ts in a fresh process.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { performance } from 'node:perf_hooks';

type Stub = ((...args: unknown[]) => Stub) & { [key: string]: Stub };

function stub(): Stub {
  const target = function () {} as unknown as Stub;
  const proxy: Stub = new Proxy(target, {
    get: (_t, key) => {
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'then') return undefined; // not a promise
      return proxy;
    },
    apply: () => proxy,
    construct: () => proxy,
    set: () => true,
  });
  return proxy;
}

const bundle = process.argv[2]!;
// The bundle copies the module's own properties (esbuild's ES-module interop), so the
// stand-in module names every member the bundle uses.
const used = new Set([...readFileSync(bundle, 'utf8').matchAll(/\bvscode\d*\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!));
const vscode: Record<string, Stub> = Object.fromEntries([...used].map((name) => [name, stub()]));
const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
// The stand-in cannot do what VS Code does after activation (read folders, run git): those
// later, asynchronous steps are not part of activation and are ignored here.
process.on('unhandledRejection', () => {});

const t = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ext = require(bundle) as { activate: (context: unknown) => unknown };
ext.activate({ subscriptions: [], extensionUri: stub(), storageUri: undefined, globalState: stub(), workspaceState: stub() });
console.log(`ACTIVATE ${(performance.now() - t).toFixed(2)}`);
setTimeout(() => process.exit(0), 50);
