import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, useWebTestSetup } from './support/web-test-setup.js';

/** Everything a keyboard user must be able to reach and a screen reader user must hear named. */
const CONTROLS = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** Each page, with what to do first so that its result controls (answers, SQL) exist too. */
const PAGES: Array<{ path: string; prepare?: (page: Page) => Promise<void> }> = [
  { path: '/settings' },
  { path: '/providers' },
  { path: '/defaults' },
  {
    path: '/chat',
    prepare: async (page) => {
      await page.getByLabel('Message').fill('Hello');
      await page.getByLabel('Message').press('Enter');
      await page.getByTestId('served').waitFor();
    },
  },
  {
    path: '/sql',
    prepare: async (page) => {
      await page.getByLabel('Question').fill('Orders per customer');
      await page.getByRole('button', { name: 'Write SQL' }).click();
      await page.getByTestId('sql').waitFor();
    },
  },
  { path: '/usage' },
];

/** Marks every visible, enabled control with `data-a11y-index` and answers how many there are. */
function markControls(page: Page): Promise<Array<{ index: number; html: string }>> {
  return page.evaluate((selector) => {
    const visible = (element: Element) =>
      element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
    return [...document.querySelectorAll(selector)]
      .filter((element) => visible(element) && !(element as HTMLButtonElement).disabled)
      .map((element, index) => {
        element.setAttribute('data-a11y-index', String(index));
        return { index, html: element.outerHTML.slice(0, 160) };
      });
  }, CONTROLS);
}

/** The accessible name Chromium computes for each control, through the DevTools protocol. */
async function accessibleNames(page: Page): Promise<Array<{ html: string; role: string; name: string }>> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: CONTROLS });
  const named = [];
  for (const nodeId of nodeIds) {
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes.find((candidate) => !candidate.ignored) ?? nodes[0];
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
    named.push({
      html: outerHTML.slice(0, 160),
      role: String(node?.role?.value ?? ''),
      name: String(node?.name?.value ?? '').trim(),
    });
  }
  await cdp.detach();
  return named;
}

describeInBrowser('keyboard and screen reader access', () => {
  const setup = useWebTestSetup();

  for (const { path, prepare } of PAGES) {
    it(`${path}: Tab reaches every control, each with a visible focus style`, async () => {
      const page = await setup.open(path);
      await page.locator('h1.page-title').waitFor();
      await page.waitForLoadState('networkidle');
      await prepare?.(page);
      const controls = await markControls(page);
      expect(controls.length).toBeGreaterThan(3);

      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const reached = new Set<number>();
      const unstyled: string[] = [];
      for (let step = 0; step < controls.length + 5; step += 1) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return undefined;
          const style = getComputedStyle(element);
          return {
            index: element.dataset.a11yIndex,
            styled: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
            html: element.outerHTML.slice(0, 120),
          };
        });
        if (!focused) continue;
        if (focused.index !== undefined) reached.add(Number(focused.index));
        if (!focused.styled) unstyled.push(focused.html);
      }
      const missed = controls.filter((control) => !reached.has(control.index)).map((control) => control.html);
      expect(missed).toEqual([]);
      expect(unstyled).toEqual([]);
    });

    it(`${path}: every control has an accessible name`, async () => {
      const page = await setup.open(path);
      await page.locator('h1.page-title').waitFor();
      await page.waitForLoadState('networkidle');
      await prepare?.(page);
      const named = await accessibleNames(page);
      expect(named.length).toBeGreaterThan(3);
      expect(named.filter((control) => control.name === '')).toEqual([]);
    });
  }

  it('the skip link moves focus past the navigation to the page', async () => {
    const page = await setup.open('/settings');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // The first control after the skip target is inside the page, not the navigation.
    await expect(page.evaluate(() => Boolean(document.activeElement?.closest('main')))).resolves.toBe(true);
  });
});
