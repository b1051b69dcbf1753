// Child process of crash-safety.test.ts. Writes preferences as fast as it can, from four concurrent
// writers, and prints "ack <key>" once each write has resolved (committed). The test kills it with
// SIGKILL mid-stream. Plain ESM on the built store, because Node 20 cannot run the TypeScript sources.
import { createStore } from '../../../dist/store/create-store.js';

const [url, userId] = process.argv.slice(2);
const store = await createStore(url, { migrate: false, listen: false });
const say = (line) => process.stdout.write(`${line}\n`);
let next = 0;

async function writeSingles() {
  for (;;) {
    const n = next++;
    await store.preferences.set(userId, `single_${n}`, `openai:model-${n}`);
    say(`ack single_${n}`);
  }
}

async function writePairs() {
  for (;;) {
    const n = next++;
    await store.preferences.setMany(userId, {
      [`pair_a_${n}`]: `openai:a-${n}`,
      [`pair_b_${n}`]: `openai:b-${n}`,
    });
    say(`ack pair_${n}`);
  }
}

say('ready');
await Promise.all([writeSingles(), writeSingles(), writePairs(), writePairs()]);
