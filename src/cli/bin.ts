#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { compileCacheFile, readCompileCache, writeCompileCache } from './compile-cache.js';

/**
 * The `iamlint` command: loads the CommonJS bundle of the program (main.ts) with V8's code cache,
 * so a run compiles neither the bundle nor, on first call, the functions the cached run compiled.
 */
const bundle = join(dirname(fileURLToPath(import.meta.url)), 'iamlint.cjs');
// Strict, as the ES modules it was built from: esbuild's "use strict" comes after the banner line, where it is no directive.
const code = `(function (exports, require, module, __filename, __dirname) {"use strict";${readFileSync(bundle, 'utf8')}\n})`;
const cacheFile = compileCacheFile(code, process.env, undefined, bundle);
const cached = cacheFile ? readCompileCache(cacheFile) : undefined;
const script = new Script(code, { filename: bundle, cachedData: cached?.data });
const module: { exports: { progress?: { scanned: boolean } } } = { exports: {} };
if (cacheFile && (!cached || script.cachedDataRejected || !cached.afterScan)) {
  // At exit the functions this run compiled are in the code too.
  process.once('exit', () => {
    const afterScan = module.exports.progress?.scanned === true;
    if (!cached || script.cachedDataRejected || afterScan) writeCompileCache(cacheFile, { data: script.createCachedData(), afterScan });
  });
}
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
