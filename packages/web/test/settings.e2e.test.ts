import { expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

describeInBrowser('Settings page (AI models)', () => {
  const setup = useWebTestSetup();

  const card = (page: import('playwright-core').Page, label: string) =>
    page
      .locator('article.task-card')
      .filter({ has: page.getByRole('heading', { name: label, exact: true }) });

  it('shows a card per task, grouped by category, with the model facts', async () => {
    const page = await setup.open('/settings');
    await page.getByRole('heading', { name: 'Chat', exact: true }).waitFor();
    const models = (await (await fetch(`${setup.gateway.url}/v1/ai/models`)).json()) as {
      tasks: Array<{ label: string; category: string }>;
    };
    expect(await page.locator('article.task-card').count()).toBe(models.tasks.length);
    for (const category of new Set(models.tasks.map((task) => task.category))) {
      await expect(
        page.getByRole('heading', { level: 2, name: category, exact: true }).count(),
      ).resolves.toBe(1);
    }
    // The chat task's config default, openai:gpt-4o-mini: 128K context, $0.15 / $0.60 per 1M, its features.
    const chat = card(page, 'Chat');
    await expect(chat.locator('.facts').textContent()).resolves.toMatch(
      /128K[\s\S]*16K[\s\S]*\$0\.15 \/ \$0\.60 per 1M/,
    );
    await expect(chat.locator('.feature-list').textContent()).resolves.toMatch(/tools[\s\S]*vision/);
    await expect(chat.locator('.badge').first().textContent()).resolves.toBe('Default (config)');
    await expect(chat.locator('.resolves-to code').textContent()).resolves.toBe('openai:gpt-4o-mini');
    await saveScreenshot(page, 'settings');
  });

  it('saves a changed model at once, and the change survives a reload', async () => {
    const page = await setup.open('/settings');
    const chat = card(page, 'Chat');
    await chat.getByLabel('Provider for Chat').selectOption('anthropic');
    await expect(chat.locator('.save-status').textContent()).resolves.toBe(
      'Choose a anthropic model to save.',
    );
    const saved = page.waitForResponse(
      (response) => response.request().method() === 'PUT' && response.status() === 200,
    );
    await chat.getByLabel('Model for Chat').selectOption('anthropic:claude-sonnet-4-5-20250929');
    // Optimistic: the badge and facts change before the server answers.
    await expect(chat.locator('.badge').first().textContent()).resolves.toBe('Your choice');
    await saved;
    await chat.locator('.save-status', { hasText: 'Saved.' }).waitFor();
    await expect(chat.locator('.facts').textContent()).resolves.toMatch(
      /200K[\s\S]*64K[\s\S]*\$3 \/ \$15 per 1M/,
    );
    await chat.locator('.resolves-to code', { hasText: 'anthropic:claude-sonnet-4-5-20250929' }).waitFor();

    await page.reload();
    const reloaded = card(page, 'Chat');
    await reloaded
      .locator('.resolves-to code', { hasText: 'anthropic:claude-sonnet-4-5-20250929' })
      .waitFor();
    await expect(reloaded.getByLabel('Provider for Chat').inputValue()).resolves.toBe('anthropic');
    await expect(reloaded.getByLabel('Model for Chat').inputValue()).resolves.toBe(
      'anthropic:claude-sonnet-4-5-20250929',
    );
    await expect(reloaded.locator('.badge').first().textContent()).resolves.toBe('Your choice');

    // Reset puts the default back, and that survives a reload too.
    await reloaded.getByRole('button', { name: 'Reset Chat to the default model' }).click();
    await reloaded.locator('.save-status', { hasText: 'Reset to the default.' }).waitFor();
    await page.reload();
    await card(page, 'Chat').locator('.resolves-to code', { hasText: 'openai:gpt-4o-mini' }).waitFor();
    await expect(card(page, 'Chat').locator('.badge').first().textContent()).resolves.toBe(
      'Default (config)',
    );
  });

  it('rolls a refused save back and shows the server’s message', async () => {
    const page = await setup.open('/settings');
    const task = card(page, 'PRD generation');
    const before = await task.getByLabel('Model for PRD generation').inputValue();
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
    await task.getByLabel('Model for PRD generation').selectOption('openai:gpt-4o');
    const alert = task.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(
      /Not saved; the previous model is back\.[\s\S]*test refusal/,
    );
    await expect(task.getByLabel('Model for PRD generation').inputValue()).resolves.toBe(before);
    await expect(task.locator('.badge').first().textContent()).resolves.toBe('Default (config)');
    await saveScreenshot(page, 'settings-refused');

    // A 500 too: the cache is rolled back, nothing is stored.
    await page.unroute('**/api/users/*/model-preferences/prd_generation');
    await page.route('**/api/users/*/model-preferences/prd_generation', (route) =>
      route.fulfill({ status: 500, contentType: 'text/plain', body: 'upstream proxy broke' }),
    );
    await task.getByLabel('Model for PRD generation').selectOption('openai:gpt-5');
    await task.getByRole('alert').filter({ hasText: 'HTTP 500' }).waitFor();
    await expect(task.getByLabel('Model for PRD generation').inputValue()).resolves.toBe(before);
    const stored = await (await fetch(`${setup.gateway.url}/api/users/local/model-preferences`)).json();
    expect(stored.tasks.prd_generation.source).not.toBe('preference');
  });

  it('reloads and says so when the preferences changed elsewhere (412)', async () => {
    const page = await setup.open('/settings');
    const task = card(page, 'Task analysis');
    await task.getByLabel('Model for Task analysis').waitFor();
    const pageEtag = (await fetch(`${setup.gateway.url}/api/users/local/model-preferences`)).headers.get(
      'etag',
    );
    // Another client changes a preference behind the page's back: the page's ETag is now stale.
    const elsewhere = await fetch(`${setup.gateway.url}/api/users/local/model-preferences/spec_refinement`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'openai:gpt-4o' }),
    });
    expect(elsewhere.status).toBe(200);
    const sent = page.waitForRequest((request) => request.method() === 'PUT');
    await task.getByLabel('Model for Task analysis').selectOption('openai:gpt-5-mini');
    expect((await sent).headers()['if-match']).toBe(pageEtag);
    const alert = task.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/changed elsewhere[\s\S]*reloaded/);
    // Reloaded: the other client's change shows, and this one was not applied.
    await card(page, 'Spec refinement').locator('.badge', { hasText: 'Your choice' }).waitFor();
    await expect(task.locator('.badge').first().textContent()).resolves.toBe('Default (config)');
    // The next change goes through with the fresh ETag.
    await task.getByLabel('Model for Task analysis').selectOption('openai:gpt-5-mini');
    await task.locator('.save-status', { hasText: 'Saved.' }).waitFor();
  });

  it('lists a provider without a key, disabled, with the reason', async () => {
    const page = await setup.open('/settings');
    const option = card(page, 'Chat').getByLabel('Provider for Chat').locator('option[value="nokey"]');
    await expect(option.isDisabled()).resolves.toBe(true);
    await expect(option.textContent()).resolves.toMatch(
      /nokey — unavailable: no API key: set models\.nokey\.api_key/,
    );
    // Choosing it anyway (as a script would) is not possible from the select.
    const options = await card(page, 'Chat')
      .getByLabel('Provider for Chat')
      .locator('option:not([disabled])')
      .allInnerTexts();
    expect(options).not.toContain('nokey');
    expect(options).toEqual(expect.arrayContaining(['openai', 'anthropic', 'ollama', 'compat']));
  });
});
