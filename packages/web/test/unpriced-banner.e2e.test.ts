import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

describeInBrowser('Unpriced models banner', () => {
  const setup = useWebTestSetup();

  const chat = (model: string) =>
    fetch(`${setup.gateway.url}/v1/ai/chat/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    }).then(async (response) => {
      await response.text();
      return response.status;
    });

  beforeAll(async () => {
    // A priced call (compat's acme/chat-1 has a price in the config) and two to a model nobody priced.
    expect(await chat('compat:acme/chat-1')).toBe(200);
    expect(await chat('compat:acme/mystery')).toBe(200);
    expect(await chat('compat:acme/mystery')).toBe(200);
  });

  for (const path of ['/usage', '/providers']) {
    it(`lists the model that served calls with no known price on ${path}, and only it`, async () => {
      const page = await setup.open(path);
      const banner = page.locator('section.unpriced-banner');
      await banner.waitFor();
      await expect(banner.getByRole('heading').textContent()).resolves.toBe('1 model has no known price');
      await expect(banner.locator('li').allTextContents()).resolves.toEqual([
        'compat:acme/mystery: 2 calls (not in the registry)',
      ]);
      await expect(banner.textContent()).resolves.toContain('switchboard catalog import');
      await saveScreenshot(page, `unpriced-banner${path.replace('/', '-')}`);
    });
  }

  it('counts the unpriced calls in the metric too', async () => {
    const metrics = await (await fetch(`${setup.gateway.url}/metrics`)).text();
    // An unregistered model is never a label value of its own.
    expect(metrics).toContain('switchboard_unpriced_calls_total{model="unregistered"} 2');
    expect(metrics).not.toContain('switchboard_unpriced_calls_total{model="compat:acme/chat-1"}');
  });
});
