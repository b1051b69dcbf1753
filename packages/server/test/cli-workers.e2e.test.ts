import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliServer, startCliServer } from './support/start-cli-server.js';

/** Nothing listens here: no test reaches a provider. */
const DEAD_ENDPOINT = 'http://127.0.0.1:1';
const WORKERS = 2;

let dir: string;
let server: CliServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-workers-'));
  const config = join(dir, 'switchboard.yaml');
  await writeFile(
    config,
    `version: 2
server: { workers: ${WORKERS} }
storage: { url: "sqlite:${join(dir, 'switchboard.db')}" }
auth: { mode: local }
models:
  defaults: { chat: "openai:gpt-4o-mini" }
  openai:
    api_key: sk-test-workers
    endpoint: ${DEAD_ENDPOINT}/v1
    registry:
      gpt-4o-mini: { capabilities: [chat] }
      gpt-4o: { capabilities: [chat] }
`,
  );
  server = await startCliServer({ configFile: config, env: { LOG_LEVEL: 'info' } });
  // The first worker's line resolved the start; wait for every worker's.
  await server.waitForLog(() => new Set(listeningPids()).size >= WORKERS, 30_000);
}, 60_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop();
  await rm(dir, { recursive: true, force: true });
});

function listeningPids(): number[] {
  return server.logs
    .filter((line) => /^Switchboard listening on /.test(line.msg ?? ''))
    .map((line) => Number(line.pid));
}

let sequence = 0;
/** One request on `agent`'s connection; answers its JSON and the PID of the worker that served it (from its log line). */
async function call(
  agent: Agent,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown>; pid: number }> {
  sequence += 1;
  const id = `workers-${process.pid}-${sequence}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const { status, raw } = await new Promise<{ status: number; raw: string }>((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      {
        method,
        agent,
        headers: { 'x-request-id': id, ...(text ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          data += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: data }));
      },
    );
    req.once('error', reject);
    req.end(text);
  });
  const line = await server.waitForLog((record) => record.reqId === id && record.pid !== undefined);
  return { status, json: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, pid: Number(line.pid) };
}

describe('server.workers: 2', () => {
  it('serves one port from two processes, and a preference written through one is seen by the other', async () => {
    // Each agent keeps one connection, so all its requests reach one worker; node:cluster hands new
    // connections to the workers in turn, so a few fresh agents reach both.
    const byPid = new Map<number, Agent>();
    const agents: Agent[] = [];
    for (let attempt = 0; attempt < 20 && byPid.size < WORKERS; attempt += 1) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      const { status, json, pid } = await call(agent, 'GET', '/v1/ai/resolve?task=chat');
      expect([status, json.model, json.source]).toEqual([200, 'openai:gpt-4o-mini', 'config_default']);
      if (!byPid.has(pid)) byPid.set(pid, agent);
    }
    expect([...byPid.keys()].sort()).toEqual([...new Set(listeningPids())].sort());
    const [[writerPid, writer], [readerPid, reader]] = [...byPid] as [[number, Agent], [number, Agent]];

    // The reader has resolved (and cached) the default; the writer changes the preference.
    const put = await call(writer, 'PUT', '/api/users/local/model-preferences/chat', { id: 'openai:gpt-4o' });
    expect([put.status, put.pid]).toEqual([200, writerPid]);

    // The relay reaches the other worker about as fast as a request does: poll briefly, never a time.
    await expect
      .poll(
        async () => {
          const seen = await call(reader, 'GET', '/v1/ai/resolve?task=chat');
          expect(seen.pid).toBe(readerPid);
          return [seen.json.model, seen.json.source];
        },
        { timeout: 5_000, interval: 50 },
      )
      .toEqual(['openai:gpt-4o', 'preference']);
    for (const agent of agents) agent.destroy();
  }, 60_000);

  it('stops every worker on SIGTERM to the primary, and exits 0', async () => {
    const pids = [...new Set(listeningPids())];
    expect(await server.stop('SIGTERM')).toBe(0);
    for (const pid of pids) {
      expect(server.logs.some((line) => line.pid === pid && /shutting down/.test(line.msg ?? ''))).toBe(true);
      expect(() => process.kill(pid, 0)).toThrow();
    }
  }, 30_000);
});
