import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../server/test/support/start-test-gateway.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, describeInBrowser, ensureWebBuilt } from './support/web-test-setup.js';

/**
 * Local mode against a malicious page in a real browser. The page is served from a second loopback port
 * (another origin, the same machine) and tries what the attacks did: a `text/plain` "simple" POST to the
 * proxy, form POSTs (to the proxy and to a settings route), a WebSocket chat, and a DNS-rebound name that
 * resolves to the gateway. All are refused and nothing reaches the mock upstream; the gateway's own pages,
 * loaded from its own origin, still work.
 */

/** The rebinding name: Chromium resolves it to 127.0.0.1, as a rebound DNS answer would. */
const REBOUND = 'rebound.test';

let gateway: TestGateway;
let attacker: Server;
let attackerUrl: string;
let browser: Browser;

function attackPage(gw: string): string {
  const chat = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'spend money' }] });
  const ws = gw.replace(/^http/, 'ws');
  return `<!doctype html><html><body>
<iframe name="sink"></iframe>
<form id="proxy-form" method="POST" action="${gw}/api/ai/openai/chat/completions" enctype="text/plain" target="sink">
  <input name='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"x":"' value='"}'>
</form>
<form id="primary-form" method="POST" action="${gw}/v1/ai/models/primary" target="sink">
  <input name="task" value="chat"><input name="model" value="openai:gpt-4o">
</form>
<script>
window.results = {};
window.attack = async () => {
  await fetch(${JSON.stringify(`${gw}/api/ai/openai/chat/completions`)}, {
    method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(chat)},
  }).then(() => { results.simplePost = 'sent'; }, (e) => { results.simplePost = 'failed ' + e; });
  results.ws = await new Promise((resolve) => {
    const socket = new WebSocket(${JSON.stringify(`${ws}/v1/ws/chat`)});
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'chat', id: 'evil', messages: [{ role: 'user', content: 'spend' }] }));
      socket.onmessage = (m) => resolve('opened and answered: ' + m.data);
      setTimeout(() => resolve('opened'), 2000);
    };
    socket.onerror = () => resolve('refused');
  });
  for (const id of ['proxy-form', 'primary-form']) {
    await new Promise((resolve) => {
      document.querySelector('iframe').onload = resolve;
      document.getElementById(id).submit();
    });
  }
  return results;
};
</script></body></html>`;
}

beforeAll(async () => {
  await ensureWebBuilt();
  gateway = await startTestGateway();
  const page = attackPage(gateway.url);
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await gateway?.close();
});

const refusals = (code: string) =>
  gateway.logs.filter((line) => line.includes('"request refused"') && line.includes(`"code":"${code}"`))
    .length;

describeInBrowser('local mode refuses what a foreign page sends', () => {
  it('a page on another loopback port: simple POST, form POSTs and WebSocket are all refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    gateway.mock.clear();
    const before = refusals('origin_not_allowed');
    const primaryBefore = (await gateway.app.inject({ url: '/v1/ai/models' })).json().defaults.chat;
    await page.goto(attackerUrl);
    const results = await page.evaluate(() => (window as unknown as { attack(): Promise<unknown> }).attack());
    // The browser sent them (a no-cors POST resolves opaquely); the gateway refused each.
    expect(results).toMatchObject({ simplePost: 'sent', ws: 'refused' });
    expect(refusals('origin_not_allowed') - before).toBeGreaterThanOrEqual(4);
    expect(gateway.mock.requests).toEqual([]);
    expect((await gateway.app.inject({ url: '/v1/ai/models' })).json().defaults.chat).toBe(primaryBefore);
    // The refused form answered in the iframe with our error, not the upstream's answer.
    expect(await page.frame({ name: 'sink' })?.content()).toContain('origin_not_allowed');
    await context.close();
  });

  it('a rebound name that resolves to the gateway: its pages and API are refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    gateway.mock.clear();
    const port = new URL(gateway.url).port;
    const answer = await page.goto(`http://${REBOUND}:${port}/api/users/local/model-preferences`);
    expect(answer?.status()).toBe(403);
    expect(await answer?.text()).toContain('host_not_allowed');
    // Same-origin for the page (the attacker's name), so the browser would let it read the answers.
    const attempts = await page.evaluate(async () => {
      const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'spend' }] };
      const post = await fetch('/api/ai/openai/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chat),
      });
      const put = await fetch('/api/users/local/model-preferences/chat', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'openai:gpt-4o' }),
      });
      const usage = await fetch('/v1/usage');
      return [post.status, put.status, usage.status, (await usage.json()).error.code];
    });
    expect(attempts).toEqual([403, 403, 403, 'host_not_allowed']);
    expect(gateway.mock.requests).toEqual([]);
    await context.close();
  });

  it("the gateway's own pages, on its own origin, still read, write and chat", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${gateway.url}/chat`);
    await page.getByLabel('Message').fill('What is Switchboard?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('served').first().waitFor();
    await page.goto(`${gateway.url}/settings`);
    await page.locator('li.task-row').first().waitFor();
    // A write from the page itself: same origin, so its Origin header matches and it is served.
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/users/local/model-preferences/chat', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'openai:gpt-4o-mini' }),
      });
      return res.status;
    });
    expect(status).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });
});
