import type { Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { testConfig } from '../../server/test/support/start-test-gateway.js';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

describeInBrowser('Settings page: task requirements', () => {
  const setup = useWebTestSetup({
    config: (base) => {
      const models = (testConfig(base) as { models: Record<string, Record<string, unknown>> }).models;
      return {
        models: {
          ...models,
          compat: {
            ...models.compat,
            registry: {
              ...(models.compat?.registry as object),
              'no-tools': { capabilities: ['chat'], features: ['vision'], context_window: 32_000 },
            },
          },
        },
        tasks: { spec_generation: { requires: { features: ['tools'], min_context: 100_000 } } },
      };
    },
  });

  const row = (page: Page, label: string) =>
    page.locator('li.task-row').filter({ has: page.getByRole('heading', { name: label, exact: true }) });

  it('lists the models that fit first, and shows for the others why they do not fit, disabled', async () => {
    const page = await setup.open('/settings');
    const writes: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') writes.push(request);
    });
    const spec = row(page, 'Spec generation');
    await expect(spec.locator('.task-row-meta').textContent()).resolves.toBe(
      'needs chat with tools · context ≥ 100,000',
    );
    await spec.getByRole('button', { name: /^Model for Spec generation:/ }).click();
    const list = spec.getByRole('listbox', { name: 'Models for Spec generation' });
    await list.waitFor();
    await saveScreenshot(page, 'settings-requirements');

    const options = await list.getByRole('option').evaluateAll((nodes) =>
      nodes.map((node) => ({
        label: node.getAttribute('aria-label') ?? '',
        disabled: node.getAttribute('aria-disabled') === 'true',
      })),
    );
    const unfitAt = options.findIndex((option) => option.label.includes('does not fit'));
    expect(unfitAt).toBeGreaterThan(0);
    // Every option before the first unfit one fits; every one after it does not.
    expect(options.slice(0, unfitAt).every((option) => !option.label.includes('does not fit'))).toBe(true);
    expect(options.slice(unfitAt).every((option) => option.label.includes('does not fit'))).toBe(true);
    // The gpt-4o-mini of the configured OpenAI provider fits: tools, and 128K of context.
    expect(options.slice(0, unfitAt).some((option) => /^gpt-4o-mini:/.test(option.label))).toBe(true);

    const group = list.getByRole('group', { name: 'Does not fit this task' });
    const noTools = group.getByRole('option', { name: /^no-tools:/ });
    await expect(noTools.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(noTools.getAttribute('aria-label')).resolves.toMatch(
      /does not fit: it lacks tools and has a context window of 32,000 tokens \(100,000 required\)/,
    );
    // The reason is on screen too, not only for screen readers.
    await expect(noTools.textContent()).resolves.toContain('does not fit: it lacks tools');
    await noTools.click({ force: true });
    await expect(list.isVisible()).resolves.toBe(true);
    expect(writes).toEqual([]);
  });

  it('offers every model for a task with no requirements, none marked as unfit', async () => {
    const page = await setup.open('/settings');
    const chat = row(page, 'Chat');
    await chat.getByRole('button', { name: /^Model for Chat:/ }).click();
    const list = chat.getByRole('listbox', { name: 'Models for Chat' });
    await list.waitFor();
    await expect(
      list.getByRole('option', { name: /^no-tools:/ }).getAttribute('aria-disabled'),
    ).resolves.toBe('false');
    await expect(list.getByRole('group', { name: 'Does not fit this task' }).count()).resolves.toBe(0);
  });
});
