/**
 * The repository is whole on its own: nothing tracked may point at a file outside it (the source article
 * used to live in a shared/ folder beside the clone, so a fresh clone failed). Every parent-relative path
 * (dot-dot-slash) and every path.join|resolve(__dirname, '..', ...) is resolved against the file that
 * holds it. The examples below are assembled from UP so that this file passes its own scan.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ARTICLE_PATH } from './helpers/article';

const ROOT = path.resolve(__dirname, '..');

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  return listed.filter((file) => {
    const full = path.join(ROOT, file);
    if (!existsSync(full)) return false; // deleted in the work tree, not yet committed
    return !readFileSync(full).subarray(0, 8000).includes(0); // skip binary files
  });
}

/** A relative path written with slashes: one or more parent steps, then the rest. */
const SLASHED_RELATIVE = /(?:^|[^\w./-])((?:\.\/)?(?:\.\.\/)+[\w.@/-]*)/g;
/** path.join/resolve(__dirname, '..', 'a', ...): the string-literal segments after __dirname. */
const SEGMENTED = /path\.(?:join|resolve)\(\s*__dirname\s*((?:,\s*['"][^'"]*['"]\s*)+)/g;

export function pathsLeavingRepo(file: string, text: string, root: string = ROOT): string[] {
  const dir = path.dirname(path.join(root, file));
  const escapes = (target: string) => {
    const rel = path.relative(root, path.resolve(dir, target));
    return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  };
  const found: string[] = [];
  for (const m of text.matchAll(SLASHED_RELATIVE)) if (escapes(m[1])) found.push(m[1]);
  for (const m of text.matchAll(SEGMENTED)) {
    const segments = [...m[1].matchAll(/['"]([^'"]*)['"]/g)].map((s) => s[1]);
    if (escapes(path.join(...segments))) found.push(`path(__dirname, ${segments.map((s) => `'${s}'`).join(', ')})`);
  }
  return found;
}

describe('nothing in the repository points outside it', () => {
  const files = trackedTextFiles();

  test('the scan sees the repository', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'package.json', 'tests/lambda/content/content.test.ts']));
  });

  test('no tracked file mentions the old shared folder beside the clone', () => {
    const offenders = files.filter((file) => /\.\.[/\\]shared\b/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('no tracked file has a parent-relative path that leaves the repository', () => {
    const offenders = files.flatMap((file) =>
      pathsLeavingRepo(file, readFileSync(path.join(ROOT, file), 'utf8')).map((p) => `${file}: ${p}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the path check itself', () => {
  const UP = '..' + '/';
  const DIRNAME = '__dir' + 'name';
  test.each([
    ['tests/a.test.ts', `readFileSync('${UP}${UP}shared/source/x.txt')`],
    ['README.md', `(\`${UP}shared/source/leg-cramps-article.txt\`)`],
    ['lambda/content/types.ts', `see ${UP}${UP}${UP}outside.md`],
    ['tests/a.test.ts', `path.resolve(${DIRNAME}, '..', '..', 'shared', 'x.txt')`],
    ['x.ts', `path.join(${DIRNAME}, '..')`],
  ])('flags %s: %s', (file, text) => {
    expect(pathsLeavingRepo(file, text, '/repo')).toHaveLength(1);
  });

  test.each([
    ['tests/a.test.ts', `import { x } from '${UP}lambda/skill';`],
    ['tests/infra/a.test.ts', `import { x } from '${UP}${UP}infra/app';`],
    ['lambda/handlers/a.ts', `import { x } from '${UP}content/topics'; import { y } from '${UP}${UP}lambda/x';`],
    ['tests/a.test.ts', `path.resolve(${DIRNAME}, '..', 'lambda')`],
    ['README.md', 'a [link](lambda/content/source/README.md) and a version 1.2..'],
  ])('accepts %s: %s', (file, text) => {
    expect(pathsLeavingRepo(file, text, '/repo')).toEqual([]);
  });
});

test('the source article is in the repository, with its README', () => {
  expect(readFileSync(ARTICLE_PATH, 'utf8')).toMatch(/^What Causes Leg Cramps During Sleep\?/);
  expect(readFileSync(path.join(path.dirname(ARTICLE_PATH), 'README.md'), 'utf8')).toMatch(/What Causes Leg Cramps During Sleep\?/);
});
