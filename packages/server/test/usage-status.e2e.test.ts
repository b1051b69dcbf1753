import { usageResponseSchema } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    // task_analysis resolves to a provider with no key on this server, with no fallback to rescue it.
    config: () => ({ tasks: { task_analysis: { default: 'nokey:gpt-4o-mini' } } }),
  });
});
afterAll(() => gw?.close());

async function generate(task: string): Promise<number> {
  const response = await fetch(`${gw.url}/v1/tasks/${task}/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'hello' }),
  });
  await response.text();
  return response.status;
}

async function usage(groupBy: string) {
  const response = await fetch(`${gw.url}/v1/usage?group_by=${groupBy}`);
  expect(response.status).toBe(200);
  return usageResponseSchema.parse(await response.json());
}

describe('GET /v1/usage: ok, failed and refused calls', () => {
  it('counts a call refused before any upstream request (no key) as refused, not as a call nor unpriced', async () => {
    expect(await generate('task_analysis')).toBe(503);
    expect(await generate('task_analysis')).toBe(503);
    const { rows } = await usage('model');
    expect(rows.find((row) => row.model === 'nokey:gpt-4o-mini')).toMatchObject({
      calls: 0,
      failed_calls: 0,
      refused_calls: 2,
      unpriced_calls: 0,
      cost_usd: null,
    });
    // The provider never saw them.
    expect(gw.mock.requests.filter((request) => request.headers.authorization === undefined)).toEqual([]);
  });

  it('counts a failed call in calls and failed_calls, never as unpriced; a served one is priced', async () => {
    gw.mock.setFault({ mode: 'server_error', kind: 'openai', times: 1 });
    expect(await generate('chat')).toBe(502);
    expect(await generate('chat')).toBe(200);
    const { rows } = await usage('model,status');
    const ofModel = rows.filter((row) => row.model === 'openai:gpt-4o-mini');
    expect(ofModel.map((row) => [row.status, row.calls, row.failed_calls, row.unpriced_calls])).toEqual([
      ['error', 1, 1, 0],
      ['ok', 1, 0, 0],
    ]);
    expect(ofModel.find((row) => row.status === 'ok')?.cost_usd).toBeGreaterThan(0);
    expect(ofModel.find((row) => row.status === 'error')?.cost_usd).toBeNull();
  });

  it('groups by status, and the totals keep the three apart', async () => {
    const { rows, totals, group_by } = await usage('status');
    expect(group_by).toEqual(['status']);
    expect(rows.map((row) => row.status)).toEqual(['error', 'ok', 'refused']);
    expect(totals).toMatchObject({ calls: 2, failed_calls: 1, refused_calls: 2, unpriced_calls: 0 });
  });
});
