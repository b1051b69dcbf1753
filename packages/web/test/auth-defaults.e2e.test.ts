import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

describeInBrowser('auth.mode token: sign-in, and the Defaults page for users and admins', () => {
  const setup = useWebTestSetup({ config: () => ({ auth: { mode: 'token' } }) });
  const tokens = { admin: '', alice: '' };

  beforeAll(async () => {
    tokens.admin = (await setup.gateway.app.store.tokens.create({ userId: 'root', role: 'admin' })).secret;
    tokens.alice = (await setup.gateway.app.store.tokens.create({ userId: 'alice', role: 'user' })).secret;
  });

  const row = (page: Page, label: string) =>
    page
      .locator('table.defaults-table tbody tr')
      .filter({ has: page.getByRole('rowheader').filter({ hasText: label }) });

  it('asks for a token after a 401, refuses a wrong one, keeps a good one, and signs out', async () => {
    const page = await setup.open('/settings');
    await page.getByRole('heading', { name: 'Sign in to Switchboard' }).waitFor();
    await saveScreenshot(page, 'sign-in');

    await page.getByLabel('API token').fill('sb_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The server refused the token: Unknown or revoked token.' })
      .waitFor();
    await expect(page.evaluate(() => localStorage.getItem('switchboard.token'))).resolves.toBeNull();

    await page.getByLabel('API token').fill(tokens.alice);
    const authorized = page.waitForRequest(
      (request) =>
        request.url().includes('/model-preferences') &&
        request.headers().authorization === `Bearer ${tokens.alice}`,
    );
    await page.getByRole('button', { name: 'Sign in' }).click();
    await authorized;
    await page.getByRole('heading', { name: 'AI models' }).waitFor();
    await expect(page.locator('.account-user').textContent()).resolves.toBe('Signed in as alice');
    await expect(page.evaluate(() => localStorage.getItem('switchboard.token'))).resolves.toBe(tokens.alice);

    // alice's own preferences: a change is stored for alice.
    const chat = page.locator('li.task-row').first();
    await chat.getByRole('button', { name: /^Model for Chat/ }).click();
    await chat.getByRole('combobox', { name: 'Search models for Chat' }).fill('openai gpt-4o');
    await chat.getByRole('option', { name: /^gpt-4o:/ }).click();
    await chat.locator('.save-status', { hasText: 'Saved.' }).waitFor();
    const stored = await setup.gateway.app.store.preferences.get('alice');
    expect(stored.tasks.chat?.modelId).toBe('openai:gpt-4o');
    expect((await setup.gateway.app.store.preferences.get('local')).tasks).toEqual({});

    await page.reload();
    await expect(page.locator('.account-user').textContent()).resolves.toBe('Signed in as alice');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Switchboard' }).waitFor();
    await expect(page.evaluate(() => localStorage.getItem('switchboard.token'))).resolves.toBeNull();
  });

  it('the sign-in form fits a phone', async () => {
    const page = await setup.open('/settings', { viewport: 'phone' });
    await page.getByLabel('API token').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'sign-in');
  });

  it('shows a non-admin the defaults with a notice and no way to change them', async () => {
    const page = await setup.open('/defaults', { token: tokens.alice });
    const notice = page.getByRole('note');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(
      /Only admins can change runtime defaults, and alice is not one/,
    );
    await row(page, 'PRD analysis')
      .locator('td[data-label="Config default"]', { hasText: 'openai:gpt-4o-mini' })
      .waitFor();
    // Read-only: no Change column, no select, no Set or Clear.
    await expect(page.getByRole('columnheader', { name: 'Change' }).count()).resolves.toBe(0);
    await expect(page.getByRole('combobox').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /runtime default/ }).count()).resolves.toBe(0);
    await saveScreenshot(page, 'defaults-non-admin');
  });

  it('lets an admin set and clear a runtime default, showing it beside the config default', async () => {
    const page = await setup.open('/defaults', { token: tokens.admin });
    const prd = row(page, 'PRD analysis');
    await prd.getByLabel('Runtime default for PRD analysis').waitFor();
    await expect(page.getByRole('note').count()).resolves.toBe(0);
    await expect(prd.locator('td[data-label="Config default"]').textContent()).resolves.toBe(
      'openai:gpt-4o-mini',
    );
    await expect(prd.locator('td[data-label="Runtime default"]').textContent()).resolves.toBe('none');

    await prd
      .getByLabel('Runtime default for PRD analysis')
      .selectOption('anthropic:claude-haiku-4-5-20251001');
    await prd.getByRole('button', { name: 'Set the runtime default of PRD analysis' }).click();
    await prd
      .locator('td[data-label="Runtime default"]', { hasText: 'anthropic:claude-haiku-4-5-20251001' })
      .waitFor();
    // The config's default stays shown when the server reports it, else it says it is hidden.
    await expect(prd.locator('td[data-label="Config default"]').textContent()).resolves.toMatch(
      /^(openai:gpt-4o-mini|hidden by the runtime default)$/,
    );
    const resolved = await fetch(`${setup.gateway.url}/v1/ai/resolve?task=prd_analysis`, {
      headers: { authorization: `Bearer ${tokens.alice}` },
    });
    await expect(resolved.json()).resolves.toMatchObject({
      model: 'anthropic:claude-haiku-4-5-20251001',
      source: 'runtime_default',
    });
    await saveScreenshot(page, 'defaults-admin');

    // The settings page follows: the task's default is now the runtime one.
    await page.getByRole('link', { name: 'AI models' }).click();
    const card = page
      .locator('li.task-row')
      .filter({ has: page.getByRole('heading', { name: 'PRD analysis', exact: true }) });
    await card.locator('.badge', { hasText: 'Default (runtime)' }).waitFor();

    await page.getByRole('link', { name: 'Defaults' }).click();
    await row(page, 'PRD analysis')
      .getByRole('button', { name: 'Clear the runtime default of PRD analysis' })
      .click();
    await row(page, 'PRD analysis')
      .locator('td[data-label="Runtime default"]', { hasText: 'none' })
      .waitFor();
    await expect(
      row(page, 'PRD analysis').locator('td[data-label="Config default"]').textContent(),
    ).resolves.toBe('openai:gpt-4o-mini');
  });
});
