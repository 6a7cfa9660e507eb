import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheFile, pruneCompileCache, readCompileCache, writeCompileCache } from '../src/cli/compile-cache.js';
import { MANY_FILES } from '../src/engine/v8-settings.js';
import { REPO } from './helpers/run-cli.js';
import { policyFolder, tempDir } from './helpers/temp-dir.js';

const BIN = join(REPO, 'dist/bundle/main.cjs');
const source = Buffer.from('module.exports = 1;\n');

describe('compile cache file', () => {
  it('is named by the bundle content and the Node version, in a folder only this user can write', () => {
    const dir = join(tempDir('iamlint-cc-'), 'cache');
    const file = compileCacheFile(source, {}, dir)!;
    expect(file.startsWith(join(dir, `${process.version}-${process.arch}-`))).toBe(true);
    expect(compileCacheFile(Buffer.from('module.exports = 1;\n'), {}, dir)).toBe(file);
    // Same length, other content: V8 would take the other file's code, so the name differs.
    expect(compileCacheFile(Buffer.from('module.exports = 2;\n'), {}, dir)).not.toBe(file);
    // Same code at another path (two installs of one version): V8 would name the other path in stack traces.
    expect(compileCacheFile(source, {}, dir, '/opt/iamlint/dist/bundle/iamlint.cjs')).not.toBe(file);
    expect(compileCacheFile(source, {}, dir, '/opt/iamlint/dist/bundle/iamlint.cjs')).toBe(compileCacheFile(source, {}, dir, '/opt/iamlint/dist/bundle/iamlint.cjs'));
    expect(existsSync(dir)).toBe(true);
  });

  it('is not used when turned off, or when the folder is shared or a symlink', () => {
    const base = tempDir('iamlint-cc-');
    expect(compileCacheFile(source, { NODE_DISABLE_COMPILE_CACHE: '1' }, join(base, 'a'))).toBeUndefined();
    expect(compileCacheFile(source, { IAMLINT_NO_COMPILE_CACHE: '1' }, join(base, 'a'))).toBeUndefined();
    const shared = join(base, 'shared');
    compileCacheFile(source, {}, shared);
    chmodSync(shared, 0o777);
    expect(compileCacheFile(source, {}, shared)).toBeUndefined();
    const link = join(base, 'link');
    symlinkSync(join(base, 'a'), link);
    expect(compileCacheFile(source, {}, link)).toBeUndefined();
    writeFileSync(join(base, 'file'), '');
    expect(compileCacheFile(source, {}, join(base, 'file'))).toBeUndefined();
  });

  it('gives back what was written, and nothing for a damaged, cut or shared file', () => {
    const file = compileCacheFile(source, {}, join(tempDir('iamlint-cc-'), 'c'))!;
    expect(readCompileCache(file)).toBeUndefined();
    const data = Buffer.from('compiled code, as V8 would serialise it');
    writeCompileCache(file, { data, afterScan: true });
    expect(readCompileCache(file)).toEqual({ data, afterScan: true });
    writeCompileCache(file, { data, afterScan: false });
    expect(readCompileCache(file)).toEqual({ data, afterScan: false });
    writeCompileCache(file, { data, afterScan: true });

    const bytes = readFileSync(file);
    const damaged = Buffer.from(bytes);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 3) ^ 0xff, damaged.length - 3);
    writeFileSync(file, damaged);
    expect(readCompileCache(file)).toBeUndefined();
    writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    expect(readCompileCache(file)).toBeUndefined();
    writeFileSync(file, bytes.subarray(0, 20));
    expect(readCompileCache(file)).toBeUndefined();

    writeFileSync(file, bytes);
    chmodSync(file, 0o666);
    expect(readCompileCache(file)).toBeUndefined();
  });

  it('keeps the caches of the few most recent builds', () => {
    const dir = join(tempDir('iamlint-cc-'), 'c');
    const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((k, i) => {
      const file = compileCacheFile(Buffer.from(`build ${k}`), {}, dir)!;
      writeFileSync(file, 'x');
      utimesSync(file, 1_700_000_000 + i, 1_700_000_000 + i);
      return file;
    });
    writeFileSync(join(dir, 'notes.txt'), 'not a cache');
    pruneCompileCache(dir, 4);
    expect(readdirSync(dir).sort()).toEqual([...files.slice(2).map((f) => f.slice(dir.length + 1)), 'notes.txt'].sort());
    // Writing a cache prunes too: the oldest of the four goes.
    writeCompileCache(compileCacheFile(Buffer.from('build g'), {}, dir)!, { data: Buffer.from('code'), afterScan: true });
    expect(readdirSync(dir).filter((f) => f.endsWith('.cache'))).toHaveLength(4);
    expect(existsSync(files[2]!)).toBe(false);
  });

  it('does not fail the run when it cannot be written', () => {
    expect(() => writeCompileCache(join(tempDir('iamlint-cc-'), 'missing', 'x.cache'), { data: Buffer.from('x'), afterScan: true })).not.toThrow();
  });
});

describe.runIf(existsSync(BIN))('the built bin entry', () => {
  const run = (tmp: string, env: Record<string, string> = {}, args = ['examples', '--format', 'json']) => {
    const { IAMLINT_NO_COMPILE_CACHE: _off, NODE_DISABLE_COMPILE_CACHE: _nodeOff, ...inherited } = process.env;
    return spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', env: { ...inherited, TMPDIR: tmp, ...env } });
  };
  const cacheOf = (tmp: string) => {
    const [folder] = readdirSync(tmp);
    return join(tmp, folder!, readdirSync(join(tmp, folder!))[0]!);
  };
  const report = (stdout: string) => stdout.replace(/"elapsedMs": [\d.]+/, '');

  it('writes the cache on the first run, uses it after, and gives the same report as without it', () => {
    const tmp = tempDir('iamlint-cc-run-');
    const plain = run(tmp, { IAMLINT_NO_COMPILE_CACHE: '1' });
    expect(plain.status).toBe(1);
    expect(readdirSync(tmp)).toEqual([]);

    const first = run(tmp);
    const cache = cacheOf(tmp);
    expect(cache).toMatch(/\.cache$/);
    const written = readFileSync(cache);
    const second = run(tmp);
    expect(readFileSync(cache).equals(written)).toBe(true);
    for (const r of [first, second]) {
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('');
      expect(report(r.stdout)).toBe(report(plain.stdout));
    }
  });

  it('runs from a damaged cache as if there were none, and writes it again', () => {
    const tmp = tempDir('iamlint-cc-run-');
    run(tmp);
    const cache = cacheOf(tmp);
    const good = readFileSync(cache);
    const damaged = Buffer.from(good);
    for (let i = 100; i < damaged.length; i += 97) damaged.writeUInt8(damaged.readUInt8(i) ^ 0x5a, i);
    writeFileSync(cache, damaged);
    const r = run(tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { summary: { findings: { total: number } } }).summary.findings.total).toBe(15);
    expect(readCompileCache(cache)).toBeDefined();
  });

  it('writes, after a run over many files (which changes V8 flags), a cache the next run accepts', () => {
    const tmp = tempDir('iamlint-cc-run-');
    const policies = policyFolder(MANY_FILES);
    // Two threads over short shards set one flag more.
    expect(run(tmp, {}, [policies, '--jobs', '2']).status).toBe(0);
    const cache = cacheOf(tmp);
    const written = readFileSync(cache);
    // A rejected cache would be compiled around and written again at exit.
    expect(run(tmp, {}, [policies]).status).toBe(0);
    expect(run(tmp).status).toBe(1);
    expect(readFileSync(cache).equals(written)).toBe(true);
  });

  it('replaces a cache written by a run that only printed its version with one from a scan, and keeps that', () => {
    const tmp = tempDir('iamlint-cc-run-');
    expect(run(tmp, {}, ['--version']).status).toBe(0);
    const cache = cacheOf(tmp);
    const startUpOnly = readCompileCache(cache)!;
    expect(startUpOnly.afterScan).toBe(false);
    expect(run(tmp).status).toBe(1);
    const afterScan = readCompileCache(cache)!;
    expect(afterScan.afterScan).toBe(true);
    // The scan compiled loaders, rules and reports as well.
    expect(afterScan.data.length).toBeGreaterThan(startUpOnly.data.length);
    expect(run(tmp, {}, ['--help']).status).toBe(0);
    expect(run(tmp).status).toBe(1);
    expect(readCompileCache(cache)).toEqual(afterScan);
  });
});
