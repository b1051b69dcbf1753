import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileKind, type HostileUpstream, startHostileUpstream } from './support/hostile-upstream.js';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

/**
 * An upstream whose answer never ends: whatever the gateway reads into memory (a non-streamed task
 * answer, a passthrough answer, a health probe, a model list) stops at `max_response_bytes` with a 502
 * of its own code, and the gateway hangs up, so the upstream cannot write much past the bound.
 */

const LIMIT = 1024 * 1024;
/** What the upstream may still write after the bound: the sockets' buffers on both ends, not the answer. */
const SLACK = 12 * 1024 * 1024;
const WIRES: Record<HostileKind, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5-20251001',
  google: 'gemini-2.5-flash',
};

let gw: TestGateway;
let hostile: HostileUpstream;

beforeAll(async () => {
  hostile = await startHostileUpstream();
  gw = await startTestGateway({
    config: () => ({
      models: Object.fromEntries(
        Object.keys(WIRES).map((wire) => [
          `e-${wire}`,
          {
            kind: wire,
            endpoint: hostile.endpoint('endless', wire as HostileKind),
            api_key: `endless-key-${wire}-0123456789`,
            max_response_bytes: LIMIT,
            discover: true,
          },
        ]),
      ),
    }),
  });
});
afterAll(async () => {
  await gw?.close();
  await hostile?.close();
});

async function waitForHangUps(count: number): Promise<number[]> {
  for (let tries = 0; hostile.endlessWritten.length < count && tries < 200; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return hostile.endlessWritten;
}

describe('bounded reading of upstream answers', () => {
  it.each(Object.entries(WIRES))(
    '%s kind: a non-streamed task call answers 502 upstream_response_too_large',
    async (wire, name) => {
      const rssBefore = process.memoryUsage().rss;
      const seen = hostile.endlessWritten.length;
      const paths = ['/v1/ai/chat/completion', '/v1/chat/completions'];
      for (const path of paths) {
        const res = await fetch(`${gw.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: `e-${wire}:${name}`, messages: [{ role: 'user', content: 'hi' }] }),
        });
        const body = await res.json();
        expect(res.status, JSON.stringify(body)).toBe(502);
        expect(body.error.code).toBe('upstream_response_too_large');
        expect(body.error.details.limit_bytes).toBe(LIMIT);
      }
      const written = (await waitForHangUps(seen + paths.length)).slice(seen);
      expect(written).toHaveLength(paths.length);
      for (const bytes of written) expect(bytes).toBeLessThan(LIMIT + SLACK);
      // Loose, as RSS is: an unbounded read of this upstream grows it by gigabytes.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
    },
  );

  it('health probes and discovery stop at the bound and report the provider as failing', async () => {
    const seen = hostile.endlessWritten.length;
    const res = await fetch(`${gw.url}/v1/ai/models/status?refresh=true`);
    expect(res.status).toBe(200);
    const { health } = await res.json();
    for (const wire of Object.keys(WIRES)) {
      expect(health[`e-${wire}`].status).toBe('error');
      expect(health[`e-${wire}`].error).toContain(`larger than ${LIMIT} bytes`);
    }
    const written = (await waitForHangUps(seen + 3)).slice(seen);
    expect(written.length).toBeGreaterThanOrEqual(3);
    for (const bytes of written) expect(bytes).toBeLessThan(LIMIT + SLACK);
  });
});
