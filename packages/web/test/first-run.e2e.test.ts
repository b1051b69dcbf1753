import { expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

describeInBrowser('First run: no provider can be called', () => {
  // The only provider has no key, as on a fresh clone with no key exported.
  const setup = useWebTestSetup({
    config: (base) => ({
      models: {
        defaults: { chat: 'nokey:gpt-4o-mini' },
        nokey: { kind: 'openai', endpoint: base('openai') },
      },
    }),
  });

  it.each(['/settings', '/usage', '/chat'])('%s says what to set, or to run the demo', async (path) => {
    const page = await setup.open(path);
    const banner = page.getByRole('region', { name: 'No provider can be called yet' });
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toMatch(
      /Set a provider's key in the environment[\s\S]*npm run demo/,
    );
    await banner.getByText('Why each provider is unavailable').click();
    await expect(banner.locator('li').allTextContents()).resolves.toEqual([
      expect.stringMatching(
        /^nokey: provider "nokey" is not configured: no API key: set models\.nokey\.api_key/,
      ),
    ]);
    if (path === '/settings') await saveScreenshot(page, 'first-run');
  });
});

describeInBrowser('First run banner, once a provider can be called', () => {
  const setup = useWebTestSetup();

  it('is not shown', async () => {
    const page = await setup.open('/settings');
    await page.locator('li.task-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('region', { name: 'No provider can be called yet' }).count()).resolves.toBe(
      0,
    );
  });
});
