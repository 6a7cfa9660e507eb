import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, discover } from '../src/discover.js';

let root: string;

function put(rel: string, content = '{}'): void {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const files = async (paths: string[], ignore: string[] = [], cwd = root) => (await discover(paths, { cwd, ignore })).files.map((f) => f.file);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'iamlint-discover-'));
  put('template.yaml');
  put('b/policy.json');
  put('b/notes.md');
  put('b/stack.template');
  put('b/lower.YML');
  put('a/c/deep.yml');
  put('node_modules/pkg/x.json');
  put('.terraform/modules/m.tf.json');
  put('.git/config.json');
  put('.github/workflows/ci.yml');
  put('build/out.json');
  put('logs/keep.json');
  put('logs/drop.json');
  put('.gitignore', 'build/\nlogs/*.json\n!logs/keep.json\n');
  put('a/.gitignore', '*.yml\n');
  put('gen/x.generated.json');
  put('gen/y.json');
});

afterAll(() => {
  try {
    chmodSync(join(root, 'locked'), 0o755);
  } catch {
    // not created
  }
  rmSync(root, { recursive: true, force: true });
});

describe('discover', () => {
  it('walks folders for loadable extensions, sorted, skipping node_modules, .git, .terraform and git-ignored paths', async () => {
    expect(await files(['.'])).toEqual([
      '.github/workflows/ci.yml',
      'b/lower.YML',
      'b/policy.json',
      'b/stack.template',
      'gen/x.generated.json',
      'gen/y.json',
      'logs/keep.json',
      'template.yaml',
    ]);
    const abs = (await discover(['b'], { cwd: root, ignore: [] })).files[0]!;
    expect(abs).toEqual({ abs: join(root, 'b/lower.YML'), file: 'b/lower.YML' });
  });

  it('defaults to the working directory', async () => {
    expect(await files([])).toEqual(await files(['.']));
  });

  it('honours --ignore globs on display paths, and base names for patterns without a slash', async () => {
    expect(await files(['.'], ['gen/**', '.github/'])).toEqual(['b/lower.YML', 'b/policy.json', 'b/stack.template', 'logs/keep.json', 'template.yaml']);
    expect(await files(['.'], ['*.generated.json', './b/*.json'])).toContain('gen/y.json');
    expect(await files(['.'], ['*.generated.json', './b/*.json'])).not.toContain('gen/x.generated.json');
    expect(await files(['.'], ['*.generated.json', './b/*.json'])).not.toContain('b/policy.json');
  });

  it('returns a file named explicitly whatever its extension or .gitignore, but not when --ignore matches it', async () => {
    expect(await files(['b/notes.md', 'build/out.json', 'a/c/deep.yml'])).toEqual(['a/c/deep.yml', 'b/notes.md', 'build/out.json']);
    expect(await files(['b/notes.md'], ['**/*.md'])).toEqual([]);
  });

  it('expands globs from their base folder', async () => {
    expect(await files(['b/*.json', '**/*.template'])).toEqual(['b/policy.json', 'b/stack.template']);
    // Like a path that does not exist (a usage error, exit 2): a pattern that names nothing is a mistake in the command.
    await expect(discover(['b/*.nothing'], { cwd: root, ignore: [] })).rejects.toThrow('no files match the pattern b/*.nothing');
  });

  it('does not list a file twice when paths overlap', async () => {
    expect(await files(['b', 'b/policy.json', '.'])).toHaveLength(8);
  });

  it('applies the .gitignore files above a walked folder', async () => {
    expect(await files(['logs'])).toEqual(['logs/keep.json']);
    expect(await files(['a'])).toEqual([]);
  });

  it('shows paths outside the working directory relative to it', async () => {
    expect(await files(['../b'], [], join(root, 'gen'))).toEqual(['../b/lower.YML', '../b/policy.json', '../b/stack.template']);
  });

  it('throws a UsageError for a path that does not exist', async () => {
    await expect(discover(['missing/dir'], { cwd: root, ignore: [] })).rejects.toThrow(UsageError);
    await expect(discover(['missing.yaml'], { cwd: root, ignore: [] })).rejects.toThrow('path not found: missing.yaml');
  });

  it('survives symbolic link loops and reports broken links', async () => {
    put('loop/inner/t.yaml');
    symlinkSync(join(root, 'loop'), join(root, 'loop/inner/back'));
    symlinkSync(join(root, 'loop/inner/back'), join(root, 'loop/self-a'));
    symlinkSync(join(root, 'nowhere.json'), join(root, 'loop/broken.json'));
    symlinkSync(join(root, 'loop/inner/t.yaml'), join(root, 'loop/alias.yaml'));
    // A broken link that is not an input (not a template or policy name) is no problem.
    symlinkSync(join(root, 'nowhere.md'), join(root, 'loop/NOTES.md'));
    const result = await discover(['loop'], { cwd: root, ignore: [] });
    // The file reached through a link is listed once, under its own path.
    expect(result.files.map((f) => f.file)).toEqual(['loop/inner/t.yaml']);
    expect(result.problems).toEqual([{ path: 'loop/broken.json', message: 'broken symbolic link: its target does not exist' }]);
  });

  const isRoot = process.getuid?.() === 0;
  it('reports an unreadable folder and goes on with the others', async () => {
    put('locked/secret.json');
    chmodSync(join(root, 'locked'), 0o000);
    let readable = true;
    try {
      readdirSync(join(root, 'locked'));
    } catch {
      readable = false;
    }
    const result = await discover(['locked', 'b'], { cwd: root, ignore: [] });
    expect(result.files.map((f) => f.file)).toContain('b/policy.json');
    if (!readable) expect(result.problems).toEqual([{ path: 'locked', message: 'permission denied: the folder cannot be read' }]);
    chmodSync(join(root, 'locked'), 0o755);
  });

  // As root, chmod 000 does not stop reads, so the folder above is read and the assertion cannot be made.
  it.skipIf(isRoot)('(not as root) lists the permission problem for chmod 000 folders', async () => {
    chmodSync(join(root, 'locked'), 0o000);
    const result = await discover(['.'], { cwd: root, ignore: [] });
    chmodSync(join(root, 'locked'), 0o755);
    expect(result.problems).toContainEqual({ path: 'locked', message: 'permission denied: the folder cannot be read' });
  });
});
