import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from './run-cli.js';
import { writeE2eConfig } from './support/e2e-config.js';

let folder: string;
let configFile: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchboard-logs-'));
  configFile = await writeE2eConfig(folder, {
    storageUrl: `sqlite:${join(folder, 'db.sqlite')}`,
    auth: 'local',
  });
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** Runs `serve` until it says it listens, then stops it; answers everything it wrote to stdout. */
function serveUntilListening(options: { terminal: boolean; env?: Record<string, string> }): Promise<string> {
  const serve = [CLI, 'serve', '--config', configFile, '--port', '0'];
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env };
  // util-linux `script` gives the server a real terminal (a pty) as stdout, as a person's shell would.
  const child: ChildProcess = options.terminal
    ? spawn(
        'script',
        ['-qfec', [process.execPath, ...serve].map((arg) => `'${arg}'`).join(' '), '/dev/null'],
        {
          cwd: REPO_ROOT,
          env: { ...env, TERM: 'xterm-256color' },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      )
    : spawn(process.execPath, serve, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no listening line in 20 s:\n${out}`));
    }, 20_000);
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (
        /Switchboard listening on/.test(out) &&
        /\n/.test(out.slice(out.indexOf('Switchboard listening on')))
      ) {
        clearTimeout(timer);
        child.once('exit', () => resolve(out));
        // `script` passes a terminal's interrupt on to the server; a pipe's server gets the signal itself.
        // Its input is ended too: `script` keeps running until its input does, after the server has gone.
        if (options.terminal) child.stdin?.end('\x03');
        else child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    // The pty may close before the interrupt is written; that is the server having stopped already.
    child.stdin?.on('error', () => {});
  });
}

describe('server logs', () => {
  it('are JSON, one object per line, when stdout is not a terminal', async () => {
    const out = await serveUntilListening({ terminal: false });
    const listening = out.split('\n').find((line) => line.includes('Switchboard listening on'))!;
    expect(JSON.parse(listening)).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/^Switchboard listening on/),
    });
  });

  it('are pretty, human-readable lines, when stdout is a terminal', async () => {
    const out = await serveUntilListening({ terminal: true });
    const listening = out.split(/\r?\n/).find((line) => line.includes('Switchboard listening on'))!;
    expect(() => JSON.parse(listening)).toThrow();
    // Coloured, with a time and a level word: "[12:00:01.234] INFO: Switchboard listening on http://..."
    expect(listening).toContain('\u001b[');
    const plain = listening.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    expect(plain).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Switchboard listening on http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  it('follow LOG_FORMAT when it is set', async () => {
    const out = await serveUntilListening({ terminal: false, env: { LOG_FORMAT: 'pretty' } });
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: /m);
    expect(out).not.toContain('\u001b[');
  });
});
