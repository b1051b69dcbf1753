import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, run by npm start before anything is built.
import { recordBuild, staleReason } from '../scripts/build-if-stale.mjs';

const OUTPUTS = [
  'packages/core/dist/index.js',
  'packages/server/dist/bin.js',
  'packages/server/dist/bundle/bin.js',
  'packages/client/dist/index.js',
  'packages/server/public/index.html',
];

let root: string;
const put = async (path: string, text = 'x') => {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchboard-build-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('npm start builds only when the sources changed', () => {
  it('builds a fresh clone, then not again until a source changes', async () => {
    await put('package.json', '{}');
    await put('packages/core/src/index.ts', 'export const a = 1;');
    expect(staleReason(root)).toMatch(/^no build yet/);
    for (const path of OUTPUTS) await put(path);
    expect(staleReason(root)).toBe('sources changed since the last build');
    recordBuild(root);
    expect(staleReason(root)).toBeUndefined();
    // Rewriting a file with the same content (a checkout) is no change.
    await put('packages/core/src/index.ts', 'export const a = 1;');
    expect(staleReason(root)).toBeUndefined();
    // A test file never reaches the dist.
    await put('packages/core/src/index.test.ts', 'it()');
    expect(staleReason(root)).toBeUndefined();
    await put('packages/core/src/index.ts', 'export const a = 2;');
    expect(staleReason(root)).toBe('sources changed since the last build');
    recordBuild(root);
    await put('packages/web/src/new-page.tsx', 'export {}');
    expect(staleReason(root)).toBe('sources changed since the last build');
  });

  it('serves a prebuilt dist that comes without sources', async () => {
    for (const path of OUTPUTS) await put(path);
    expect(staleReason(root)).toBeUndefined();
  });
});
