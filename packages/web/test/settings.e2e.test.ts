import type { Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

const HAIKU = 'anthropic:claude-haiku-4-5-20251001';
const SONNET = 'anthropic:claude-sonnet-4-5-20250929';

describeInBrowser('Settings page (AI models)', () => {
  const setup = useWebTestSetup({
    config: () => ({ tasks: { prd_generation: { fallbacks: [HAIKU] } } }),
  });

  const row = (page: Page, label: string) =>
    page.locator('li.task-row').filter({ has: page.getByRole('heading', { name: label, exact: true }) });
  const picker = (page: Page, label: string) =>
    row(page, label).getByRole('button', { name: new RegExp(`^Model for ${label}:`) });
  /** Every preference write the page sends from now on. */
  const recordWrites = (page: Page) => {
    const writes: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' || request.method() === 'DELETE') writes.push(request);
    });
    return writes;
  };
  const reset = async (task: string) => {
    await fetch(`${setup.gateway.url}/api/users/local/model-preferences/${task}`, { method: 'DELETE' });
  };

  it('is one compact row per task, grouped by category, each with its model, facts, source and fallbacks', async () => {
    const page = await setup.open('/settings');
    await row(page, 'Chat').waitFor();
    const listing = (await (await fetch(`${setup.gateway.url}/v1/ai/models`)).json()) as {
      tasks: Array<{ label: string; category: string }>;
    };
    await expect(page.locator('li.task-row').count()).resolves.toBe(listing.tasks.length);
    for (const category of new Set(listing.tasks.map((task) => task.category))) {
      await expect(
        page.getByRole('heading', { level: 2, name: category, exact: true }).count(),
      ).resolves.toBe(1);
    }
    // Compact: every row is one line of controls, and all 13 tasks fit in well under two screens.
    for (const box of await page
      .locator('li.task-row')
      .evaluateAll((rows) => rows.map((r) => r.clientHeight))) {
      expect(box).toBeLessThanOrEqual(88);
    }
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(1700);

    const chat = row(page, 'Chat');
    // The config default, openai:gpt-4o-mini, with its facts on the row.
    await expect(picker(page, 'Chat').textContent()).resolves.toMatch(
      /gpt-4o-mini[\s\S]*128K context[\s\S]*\$0\.15 \/ \$0\.60 per 1M[\s\S]*tools, vision/,
    );
    await expect(chat.locator('.badge').textContent()).resolves.toBe('Default (config)');
    await expect(row(page, 'PRD generation').locator('.task-row-meta').textContent()).resolves.toBe(
      `needs chat · then ${HAIKU}`,
    );
    await saveScreenshot(page, 'settings');
  });

  it('shows every option with its context, prices and features before anything is chosen; unusable ones disabled with why', async () => {
    const page = await setup.open('/settings');
    const writes = recordWrites(page);
    await picker(page, 'Chat').click();
    const list = row(page, 'Chat').getByRole('listbox', { name: 'Models for Chat' });
    await list.waitFor();
    await saveScreenshot(page, 'settings-picker');
    await expect(
      list.getByRole('option', { name: /^claude-sonnet-4-5-20250929:/ }).getAttribute('aria-label'),
    ).resolves.toBe(
      'claude-sonnet-4-5-20250929: 200K context, $3 / $15 per 1M, tools, vision, thinking, json_schema, pdf',
    );
    await expect(
      list
        .getByRole('option', { name: /^gpt-5-mini:/ })
        .first()
        .textContent(),
    ).resolves.toMatch(/400K context[\s\S]*\$0\.25 \/ \$2 per 1M[\s\S]*reasoning/);
    // Only models that can serve chat: no embeddings model is offered.
    await expect(list.getByRole('option', { name: /text-embedding/ }).count()).resolves.toBe(0);
    // The provider without a key: its models are there, disabled, saying why; a click chooses nothing.
    const nokey = list.getByRole('group', { name: /^nokey/ });
    await expect(nokey.textContent()).resolves.toMatch(/provider "nokey" is not configured: no API key/);
    const disabled = nokey.getByRole('option').first();
    await expect(disabled.getAttribute('aria-disabled')).resolves.toBe('true');
    await disabled.click({ force: true });
    await expect(list.isVisible()).resolves.toBe(true);
    expect(writes).toEqual([]);
  });

  it('moves with the arrow keys without saving, chooses on Enter once, and the facts follow the model', async () => {
    const page = await setup.open('/settings');
    const writes = recordWrites(page);
    await picker(page, 'Chat').focus();
    await page.keyboard.press('ArrowDown');
    const search = row(page, 'Chat').getByRole('combobox', { name: 'Search models for Chat' });
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('combobox');
    const seen = new Set<string | null>();
    for (let step = 0; step < 4; step++) {
      await page.keyboard.press('ArrowDown');
      seen.add(await search.getAttribute('aria-activedescendant'));
    }
    expect(seen.size).toBe(4);
    expect(writes).toEqual([]);
    // Search narrows the list; the highlight goes to the first match; Enter saves that one, once.
    await page.keyboard.type('sonnet 4-5');
    const active = await search.getAttribute('aria-activedescendant');
    await expect(page.locator(`[id="${active}"]`).getAttribute('aria-label')).resolves.toMatch(
      /^claude-sonnet-4-5-20250929:/,
    );
    const saved = page.waitForResponse((response) => response.request().method() === 'PUT');
    await page.keyboard.press('Enter');
    expect((await saved).status()).toBe(200);
    expect(writes.map((request) => request.postDataJSON())).toEqual([{ id: SONNET }]);
    // Focus is back on the picker, which now shows the chosen model's own facts.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).resolves.toBe(
      'listbox',
    );
    await expect(picker(page, 'Chat').textContent()).resolves.toMatch(
      /claude-sonnet-4-5-20250929[\s\S]*200K context[\s\S]*\$3 \/ \$15 per 1M/,
    );
    await expect(picker(page, 'Chat').textContent()).resolves.not.toMatch(/128K/);
    await row(page, 'Chat').locator('.save-status', { hasText: 'Saved.' }).waitFor();
    await expect(row(page, 'Chat').locator('.badge').textContent()).resolves.toBe('Your choice');

    // Escape closes without a change.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await expect(row(page, 'Chat').getByRole('listbox').count()).resolves.toBe(0);
    expect(writes).toHaveLength(1);

    // It survives a reload; Reset goes back to the default, and that survives a reload too.
    await page.reload();
    await expect(picker(page, 'Chat').textContent()).resolves.toMatch(/claude-sonnet-4-5-20250929/);
    await row(page, 'Chat').getByRole('button', { name: 'Reset Chat to the default model' }).click();
    await row(page, 'Chat').locator('.save-status', { hasText: 'Reset to the default.' }).waitFor();
    await page.reload();
    await expect(picker(page, 'Chat').textContent()).resolves.toMatch(/gpt-4o-mini[\s\S]*128K/);
    await expect(row(page, 'Chat').locator('.badge').textContent()).resolves.toBe('Default (config)');
  });

  it('works with the keyboard only, from the top of the page, at 390 px too', async () => {
    const page = await setup.open('/settings', { viewport: 'phone' });
    await row(page, 'Chat').waitFor();
    let tabs = 0;
    while (tabs < 30) {
      await page.keyboard.press('Tab');
      tabs++;
      const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      if (label.startsWith('Model for Chat:')) break;
    }
    expect(tabs).toBeLessThan(30);
    await page.keyboard.press('Enter');
    await page.keyboard.type('haiku');
    // The open list stays inside the phone's width.
    const panel = await row(page, 'Chat').locator('.model-picker-panel').boundingBox();
    expect(panel && panel.x >= 0 && panel.x + panel.width <= 390).toBe(true);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await saveScreenshot(page, 'settings-picker');
    const saved = page.waitForResponse((response) => response.request().method() === 'PUT');
    await page.keyboard.press('Enter');
    expect((await saved).request().postDataJSON()).toEqual({ id: HAIKU });
    await row(page, 'Chat').locator('.save-status', { hasText: 'Saved.' }).waitFor();
    // Tab moves on to the source's Reset button of the same row.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(
      'Reset Chat to the default model',
    );
    await page.keyboard.press('Enter');
    await row(page, 'Chat').locator('.save-status', { hasText: 'Reset to the default.' }).waitFor();
    await saveScreenshot(page, 'settings');
  });

  it('rolls a refused save back and shows the server’s message', async () => {
    await reset('prd_generation');
    const page = await setup.open('/settings');
    const before = await picker(page, 'PRD generation').getAttribute('aria-label');
    await page.route('**/api/users/*/model-preferences/prd_generation', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'capability_mismatch',
                message: 'Model "openai:gpt-4o" cannot serve this task (test refusal).',
                details: {},
              },
            }),
          })
        : route.continue(),
    );
    await picker(page, 'PRD generation').click();
    await row(page, 'PRD generation')
      .getByRole('option', { name: /^gpt-4o:/ })
      .first()
      .click();
    const alert = row(page, 'PRD generation').getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(
      /Not saved; the previous model is back\.[\s\S]*test refusal/,
    );
    await expect(picker(page, 'PRD generation').getAttribute('aria-label')).resolves.toBe(before);
    await expect(row(page, 'PRD generation').locator('.badge').textContent()).resolves.toBe(
      'Default (config)',
    );
  });

  it('reloads and says so when the preferences changed elsewhere (412)', async () => {
    const page = await setup.open('/settings');
    await picker(page, 'Task analysis').waitFor();
    const pageEtag = (await fetch(`${setup.gateway.url}/api/users/local/model-preferences`)).headers.get(
      'etag',
    );
    const elsewhere = await fetch(`${setup.gateway.url}/api/users/local/model-preferences/spec_refinement`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'openai:gpt-4o' }),
    });
    expect(elsewhere.status).toBe(200);
    const sent = page.waitForRequest((request) => request.method() === 'PUT');
    await picker(page, 'Task analysis').click();
    await row(page, 'Task analysis')
      .getByRole('option', { name: /^gpt-5-mini:/ })
      .first()
      .click();
    expect((await sent).headers()['if-match']).toBe(pageEtag);
    const alert = row(page, 'Task analysis').getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/changed elsewhere[\s\S]*reloaded/);
    await row(page, 'Spec refinement').locator('.badge', { hasText: 'Your choice' }).waitFor();
    await expect(row(page, 'Task analysis').locator('.badge').textContent()).resolves.toBe(
      'Default (config)',
    );
    await picker(page, 'Task analysis').click();
    await row(page, 'Task analysis')
      .getByRole('option', { name: /^gpt-5-mini:/ })
      .first()
      .click();
    await row(page, 'Task analysis').locator('.save-status', { hasText: 'Saved.' }).waitFor();
  });
});
