import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup, VIEWPORTS } from './support/web-test-setup.js';

/** What each page shows once it has loaded, and what to do on it before the screenshot. */
const PAGES: Array<{ path: string; name: string; ready: (page: Page) => Promise<void> }> = [
  {
    path: '/settings',
    name: 'settings',
    ready: (page) => page.locator('li.task-row').first().waitFor(),
  },
  {
    path: '/providers',
    name: 'providers',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Check now' }).click();
      await page.getByText('Checked every provider just now.').waitFor();
    },
  },
  {
    path: '/defaults',
    name: 'defaults',
    ready: (page) => page.locator('table.defaults-table tbody tr').first().waitFor(),
  },
  {
    path: '/chat',
    name: 'chat',
    ready: async (page) => {
      await page.getByLabel('Message').fill('What is Switchboard?');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByTestId('served').first().waitFor();
    },
  },
  {
    path: '/sql',
    name: 'sql',
    ready: async (page) => {
      await page.getByLabel('Question').fill('Revenue by month for 2025');
      await page.getByRole('button', { name: 'Write SQL' }).click();
      await page.getByTestId('sql').waitFor();
    },
  },
  { path: '/usage', name: 'usage', ready: (page) => page.locator('.chart-svg').waitFor() },
  { path: '/limits', name: 'limits', ready: (page) => page.locator('form.limit-form').waitFor() },
];

describeInBrowser('every page at 1280 and 390 px', () => {
  const setup = useWebTestSetup();

  beforeAll(async () => {
    // Some usage to chart: calls of two tasks on three models.
    for (const model of ['openai:gpt-4o-mini', 'anthropic:claude-haiku-4-5-20251001', 'compat:acme/chat-1']) {
      const response = await fetch(`${setup.gateway.url}/v1/ai/chat/completion`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ role: 'user', content: 'hello there, how are you today?' }],
          model,
        }),
      });
      expect(response.status).toBe(200);
    }
    const sql = await fetch(`${setup.gateway.url}/v1/sql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'orders per day', dialect: 'sqlite' }),
    });
    expect(sql.status).toBe(200);
  });

  for (const viewport of Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>) {
    for (const { path, name, ready } of PAGES) {
      it(`${path} works at ${VIEWPORTS[viewport].width} px without horizontal scrolling`, async () => {
        const page = await setup.open(path, { viewport });
        await ready(page);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
        // The page's own heading and the navigation are there at both widths.
        await expect(page.getByRole('navigation', { name: 'Pages' }).isVisible()).resolves.toBe(true);
        await expect(page.locator('h1.page-title').isVisible()).resolves.toBe(true);
        await saveScreenshot(page, name);
      });
    }
  }
});
