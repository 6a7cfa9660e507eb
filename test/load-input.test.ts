import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFile, loadFileSync, loadText } from '../src/load/index.js';

const dir = 'fixtures/input';
const read = (name: string) => readFileSync(`${dir}/${name}`);
const tmp = mkdtempSync(join(tmpdir(), 'iamlint-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bytes that are not UTF-8 text', () => {
  it('refuses a binary file with a .json name, naming the position of the NUL byte', () => {
    expect(loadText(read('binary-file.json'), `${dir}/binary-file.json`)).toEqual({
      status: 'error',
      message: 'binary file: it contains a NUL byte at line 3, column 1',
      region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 2 },
      bytes: read('binary-file.json').length,
    });
  });

  it('refuses a file that is not UTF-8, at the offending character', () => {
    expect(loadText(read('not-utf8.yaml'), `${dir}/not-utf8.yaml`)).toMatchObject({
      status: 'error',
      message: 'the file is not valid UTF-8 at line 2, column 17: save it as UTF-8',
      region: { startLine: 2, startColumn: 17 },
    });
  });

  it('says a UTF-16 file is UTF-16', () => {
    expect(loadText(read('utf16.json'), `${dir}/utf16.json`)).toMatchObject({
      status: 'error',
      message: 'the file is UTF-16 encoded: save it as UTF-8',
    });
  });

  it('counts columns after a multi-byte character in UTF-16 units', () => {
    const bytes = Buffer.concat([Buffer.from('{"Sid": "é😀", "x": "'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(loadText(bytes, 'p.json')).toMatchObject({ status: 'error', region: { startLine: 1, startColumn: 22 } });
  });

  it('refuses NUL characters in text given as a string', () => {
    expect(loadText('{"Statement": []}\n\0', 'x.json')).toMatchObject({
      status: 'error',
      message: 'binary file: it contains a NUL character at line 2, column 1',
    });
  });

  it('strips a UTF-8 byte order mark', () => {
    const outcome = loadText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"Statement": []}')]), 'p.json');
    expect(outcome).toMatchObject({ status: 'loaded', doc: { format: 'iam-policy', root: { Statement: [] } } });
  });
});

describe('empty files', () => {
  it('skips an empty file and a whitespace-only file', () => {
    expect(loadText(read('empty.yaml'), `${dir}/empty.yaml`)).toEqual({ status: 'skipped', reason: 'empty file', bytes: 0 });
    expect(loadText(' \r\n\t\n', 'blank.json')).toEqual({ status: 'skipped', reason: 'empty file', bytes: 5 });
  });
});

describe('file size limit', () => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [] });

  it('loadText refuses text above the limit, naming it', () => {
    expect(loadText(text, 'p.json', { maxFileSize: 20 })).toEqual({
      status: 'error',
      message: `the file is ${text.length} bytes, above the maximum file size of 20 bytes (--max-file-size)`,
      bytes: text.length,
    });
    expect(loadText(text, 'p.json', { maxFileSize: text.length }).status).toBe('loaded');
  });

  it('loadFile refuses a file above the limit from its size, in KiB and MiB', async () => {
    const file = join(tmp, 'big.json');
    writeFileSync(file, JSON.stringify({ Statement: [], Pad: 'x'.repeat(3000) }));
    const outcome = await loadFile(file, 'big.json', { maxFileSize: 2048 });
    expect(outcome).toEqual({
      status: 'error',
      message: 'the file is 3 KiB (3025 bytes), above the maximum file size of 2 KiB (2048 bytes) (--max-file-size)',
      bytes: 3025,
    });
    expect(await loadFile(file, 'big.json', { maxFileSize: 1024 * 1024 })).toMatchObject({ status: 'loaded', bytes: 3025 });
  });
});

describe('loadFile', () => {
  it('loads a file with its display path', async () => {
    const outcome = await loadFile(resolve(dir, 'sam-function.yaml'), 'fixtures/input/sam-function.yaml', { maxFileSize: 1 << 20 });
    expect(outcome).toMatchObject({ status: 'loaded', doc: { file: 'fixtures/input/sam-function.yaml', format: 'cloudformation-yaml' } });
  });

  it('reports a file deleted before it was read', async () => {
    expect(await loadFile(join(tmp, 'gone.yaml'), 'gone.yaml', { maxFileSize: 1 << 20 })).toEqual({
      status: 'error',
      message: 'the file does not exist (deleted while scanning?)',
    });
  });

  it('reports a folder given as a file', async () => {
    expect(await loadFile(tmp, 'tmp', { maxFileSize: 1 << 20 })).toEqual({ status: 'error', message: 'not a regular file' });
  });

  it('passes the options on to detection and loading', async () => {
    const file = join(tmp, 'bad.yaml');
    writeFileSync(file, 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n');
    expect(await loadFile(file, 'bad.yaml', { maxFileSize: 1 << 20 })).toMatchObject({ status: 'error', format: 'cloudformation-yaml' });
  });
});

describe('reading files one after another', () => {
  it('gives each file only its own bytes, after a longer one and after one above the reused buffer', () => {
    const long = join(tmp, 'long.json');
    const huge = join(tmp, 'huge.json');
    const short = join(tmp, 'short.json');
    writeFileSync(long, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(200_000) }] }));
    writeFileSync(huge, JSON.stringify({ padding: 'y'.repeat(9 * 1024 * 1024) }));
    writeFileSync(short, '{"Version": "2012-10-17", "Statement": []}');
    const opts = { maxFileSize: 64 * 1024 * 1024 };
    for (const first of [long, huge]) {
      expect(loadFileSync(first, first, opts).status).not.toBe('error');
      const outcome = loadFileSync(short, short, opts);
      if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome));
      expect(outcome.doc.root).toEqual({ Version: '2012-10-17', Statement: [] });
      expect(outcome.bytes).toBe(42);
    }
  });
});
