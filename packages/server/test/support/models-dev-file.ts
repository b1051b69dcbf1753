import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createModelsDevSample,
  type ModelsDevSampleOptions,
} from '../../../core/src/catalog/test-fixtures/models-dev-sample.js';

/** Writes the test catalogue (models.dev's shape) into `folder` as `name` and answers its path. */
export async function writeModelsDevFile(
  folder: string,
  name: string,
  options: ModelsDevSampleOptions = {},
): Promise<string> {
  const file = join(folder, name);
  await writeFile(file, JSON.stringify(createModelsDevSample(options)));
  return file;
}

/** Polls `check` every 100 ms until it answers true; fails after `timeoutMs` with `what`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
