import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

describeInBrowser('the Limits page', () => {
  const setup = useWebTestSetup({
    config: () => ({
      limits: {
        team_daily: { usd: 5, per: 'day' },
        each_user: { user: '*', requests: 100, per: 'hour' },
      },
    }),
  });

  beforeAll(async () => {
    for (let call = 0; call < 2; call++) {
      const response = await fetch(`${setup.gateway.url}/v1/ai/chat/completion`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hello' }], max_tokens: 50 }),
      });
      expect(response.status).toBe(200);
    }
  });

  it('shows each rule as a bar of used against its limit, whom it applies to and when it resets', async () => {
    const page = await setup.open('/limits');
    const each = page.getByRole('article', { name: 'each_user' });
    await each.waitFor();
    await expect(each.getByText('applies to each user').isVisible()).resolves.toBe(true);
    await expect(each.getByText('2 requests of 100 requests').isVisible()).resolves.toBe(true);
    await expect(each.getByRole('meter').getAttribute('value')).resolves.toBe('2');
    await expect(each.getByText(/^Resets at/).textContent()).resolves.toMatch(/UTC/);
    const team = page.getByRole('article', { name: 'team_daily' });
    await expect(team.getByText('config file').isVisible()).resolves.toBe(true);
    // Config rules cannot be deleted here.
    await expect(team.getByRole('button', { name: 'Delete' }).count()).resolves.toBe(0);
    await saveScreenshot(page, 'limits-bars');
  });

  it('adds a runtime rule through the form and deletes it, and refuses a bad one with the reason', async () => {
    const page = await setup.open('/limits');
    await page.locator('form.limit-form').waitFor();
    await page.getByLabel('Name').fill('chat_per_minute');
    await page.getByLabel('Applies to').selectOption('task');
    await page.getByLabel(/^Value/).fill('chat');
    await page.getByLabel('Limit', { exact: true }).fill('60');
    await page.getByLabel(/^Per/).selectOption('minute');
    await page.getByRole('button', { name: 'Save limit' }).click();
    const added = page.getByRole('article', { name: 'chat_per_minute' });
    await added.waitFor();
    await expect(added.getByText('runtime').isVisible()).resolves.toBe(true);
    const stored = await (await fetch(`${setup.gateway.url}/v1/limits`)).json();
    expect(stored.limits.map((limit: { name: string }) => limit.name)).toContain('chat_per_minute');

    await page.getByLabel('Name').fill('typo');
    await page.getByLabel(/^Value/).fill('chta');
    await page.getByRole('button', { name: 'Save limit' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/unknown task "chta"/);

    await added.getByRole('button', { name: 'Delete' }).click();
    await added.waitFor({ state: 'detached' });
  });

  it("shows the user's own limits on the settings page", async () => {
    const page = await setup.open('/settings');
    const mine = page.getByRole('region', { name: 'Your limits' });
    await mine.waitFor();
    await expect(mine.getByText(/each_user/).isVisible()).resolves.toBe(true);
  });
});
