import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createStore } from './create-store.js';
import { describeEachStore } from './test-fixtures/describe-each-store.js';

const WRITER = fileURLToPath(new URL('./test-fixtures/crash-writer.mjs', import.meta.url));
const BUILT_STORE = fileURLToPath(new URL('../../dist/store/create-store.js', import.meta.url));
/** Acknowledged writes to wait for before pulling the plug. */
const ACKS_BEFORE_KILL = 80;

/** Runs the writer until it has acknowledged enough writes, then SIGKILLs it; answers the acknowledged keys. */
function writeUntilKilled(url: string, userId: string): Promise<{ acked: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, url, userId], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('ack ')) return;
      acked.push(line.slice(4));
      if (acked.length === ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL')
        reject(new Error(`writer exited with ${code ?? signal} before the kill:\n${stderr}`));
      else resolve({ acked, signal });
    });
  });
}

describeEachStore('a writer killed with SIGKILL mid-write', (target) => {
  it('leaves a database that opens and holds every acknowledged preference, and no half of a setMany', async () => {
    if (!existsSync(BUILT_STORE)) {
      throw new Error(
        `this test runs the built store in a child process: build first (npx tsc -b packages/server)`,
      );
    }
    const url = await target.createDatabase();
    const migrated = await createStore(url);
    await migrated.close();

    const { acked } = await writeUntilKilled(url, 'crash');
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const store = await createStore(url);
    try {
      if (target.dialect === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
        expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
      }
      const stored = await store.preferences.get('crash');
      for (const key of acked) {
        if (key.startsWith('single_')) {
          expect(stored.tasks[key]?.modelId, key).toBe(`openai:model-${key.slice('single_'.length)}`);
        } else {
          const n = key.slice('pair_'.length);
          expect(stored.tasks[`pair_a_${n}`]?.modelId, key).toBe(`openai:a-${n}`);
          expect(stored.tasks[`pair_b_${n}`]?.modelId, key).toBe(`openai:b-${n}`);
        }
      }
      // Committed but maybe not acknowledged writes are fine; half of a setMany is not.
      const tasks = Object.keys(stored.tasks);
      const singles = tasks.filter((task) => task.startsWith('single_')).length;
      const pairsA = tasks.filter((task) => task.startsWith('pair_a_')).map((task) => task.slice(7));
      const pairsB = tasks.filter((task) => task.startsWith('pair_b_')).map((task) => task.slice(7));
      expect(pairsA.sort()).toEqual(pairsB.sort());
      // One version per committed write: the counter and the rows agree.
      expect(stored.version).toBe(singles + pairsA.length);
      console.info(
        `[store] ${target.dialect}: ${acked.length} writes acknowledged before SIGKILL, ${stored.version} found committed`,
      );
      // And the database takes writes again.
      expect((await store.preferences.set('crash', 'after', 'openai:gpt-4o')).version).toBe(
        stored.version + 1,
      );
    } finally {
      await store.close();
    }
  });
});
