import { readFile } from 'node:fs/promises';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

describeInBrowser('Usage page', () => {
  const setup = useWebTestSetup({
    // task_analysis on a provider with no key: its calls are refused before reaching any upstream.
    config: () => ({ tasks: { task_analysis: { default: 'nokey:gpt-4o-mini' } } }),
  });

  const post = (path: string, body: unknown) =>
    fetch(`${setup.gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (response) => {
      await response.text();
      return response.status;
    });

  beforeAll(async () => {
    // A tiny priced call (compat's acme/chat-1 costs $1 / $2 per 1M tokens), a failed one, a refused one.
    expect(
      await post('/v1/ai/chat/completion', {
        model: 'compat:acme/chat-1',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).toBe(200);
    setup.gateway.mock.setFault({ mode: 'server_error', kind: 'openai', times: 1 });
    expect(await post('/v1/tasks/chat/generate', { prompt: 'hello' })).toBe(502);
    expect(await post('/v1/tasks/task_analysis/generate', { prompt: 'hello' })).toBe(503);
  });

  const bodyRows = (page: import('playwright-core').Page) =>
    page.locator('table.usage-table tbody tr th').allTextContents();

  it('keeps its rows when Group by changes back and forth: no "(none)" ghosts', async () => {
    const page = await setup.open('/usage');
    await page.locator('table.usage-table').waitFor();
    const byTask = await bodyRows(page);
    expect(byTask.sort()).toEqual(['chat', 'task_analysis']);
    const groupBy = page.getByLabel('Group by');
    for (const round of [1, 2, 3]) {
      await groupBy.selectOption('model');
      await page.getByRole('heading', { name: /^By model/ }).waitFor();
      await expect(bodyRows(page).then((rows) => rows.sort())).resolves.toEqual([
        'compat:acme/chat-1',
        'nokey:gpt-4o-mini',
        'openai:gpt-4o-mini',
      ]);
      await groupBy.selectOption('task');
      await page.getByRole('heading', { name: /^By task/ }).waitFor();
      await expect(
        bodyRows(page).then((rows) => rows.sort()),
        `round ${round}`,
      ).resolves.toEqual(byTask.sort());
    }
    await expect(page.locator('table.usage-table').textContent()).resolves.not.toMatch(/\(none\)/);
  });

  it('shows failed and refused apart, and a small cost in significant digits, the same in every place', async () => {
    const page = await setup.open('/usage');
    await page.getByLabel('Group by').selectOption('model');
    await page.getByRole('heading', { name: /^By model/ }).waitFor();
    const cells = async (model: string) =>
      page
        .locator('table.usage-table tbody tr', { has: page.locator('th', { hasText: model }) })
        .locator('td')
        .allTextContents();
    const headers = await page.locator('table.usage-table thead th').allTextContents();
    expect(headers).toEqual([
      'Model',
      'Calls',
      'Failed',
      'Tokens in',
      'Tokens out',
      'Cost',
      'Unpriced',
      'Refused',
    ]);
    // Calls, Failed, Tokens in, Tokens out, Cost, Unpriced, Refused.
    const openai = await cells('openai:gpt-4o-mini');
    expect([openai[0], openai[1], openai[4], openai[5]]).toEqual(['1', '1', '—', '0']);
    const nokey = await cells('nokey:gpt-4o-mini');
    expect([nokey[0], nokey[1], nokey[5], nokey[6]]).toEqual(['0', '0', '0', '1']);
    const compat = await cells('compat:acme/chat-1');
    expect(compat[4]).toMatch(/^\$0\.0000\d\d?$/);
    // The totals tile writes the same amount the same way.
    const tile = page.locator('.stat', { hasText: 'Cost' }).locator('dd');
    await expect(tile.textContent()).resolves.toBe(compat[4]);
    await expect(
      page.locator('.stat', { hasText: 'Failed calls' }).locator('dd').textContent(),
    ).resolves.toBe('1');
    await expect(
      page.locator('.stat', { hasText: 'Refused requests' }).locator('dd').textContent(),
    ).resolves.toBe('1');
    await saveScreenshot(page, 'usage-by-model');
  });

  it('exports the rows as CSV, with exact costs', async () => {
    const page = await setup.open('/usage');
    const link = page.getByRole('link', { name: 'Export CSV' });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(
      /^switchboard-usage-by-day-and-task-from-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(header).toBe(
      'day,task,calls,failed_calls,refused_calls,input_tokens,output_tokens,cached_input_tokens,reasoning_tokens,cost_usd,unpriced_calls',
    );
    const today = new Date().toISOString().slice(0, 10);
    const analysis = lines.find((line) => line.startsWith(`${today},task_analysis,`));
    expect(analysis?.split(',').slice(2, 5)).toEqual(['0', '0', '1']);
    const chat = lines.find((line) => line.startsWith(`${today},chat,`))?.split(',');
    expect(chat?.slice(2, 4)).toEqual(['2', '1']);
    expect(Number(chat?.[9])).toBeGreaterThan(0);
  });

  it('charts cost per task over the days of the period', async () => {
    const page = await setup.open('/usage');
    await page.locator('.chart-svg').waitFor();
    await expect(page.getByRole('heading', { name: 'Cost per day by task' }).isVisible()).resolves.toBe(true);
    const bars = await page.locator('.chart-svg rect title').allTextContents();
    expect(bars).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} · chat: \$0\.0000\d\d?$/)]);
    await expect(page.locator('.legend').textContent()).resolves.toContain('chat');
  });
});
