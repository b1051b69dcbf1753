import { expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

const FIRST_KEY = 'sk-typed-in-page-0123456789wxyz';
const SECOND_KEY = 'sk-replaced-in-page-012345abcd';

describeInBrowser('the Providers page keys', () => {
  const setup = useWebTestSetup({
    // `spare` has no key: unconfigured until one is added here.
    config: (base) => ({ models: { spare: { kind: 'openai', endpoint: base('openai') } } }),
  });

  it('adds, replaces and removes a key; the key is never shown back, only its last four', async () => {
    const page = await setup.open('/providers');
    const card = page.getByRole('article', { name: 'spare' });
    await card.waitFor();
    await expect(card.getByText('No key.').isVisible()).resolves.toBe(true);
    await expect(card.getByText(/no API key/).isVisible()).resolves.toBe(true);

    await card.getByLabel('Label').fill('main');
    await card.getByLabel('Key', { exact: true }).fill(FIRST_KEY);
    await card.getByRole('button', { name: 'Save key' }).click();
    const row = card.locator('[data-key-label="main"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`…${FIRST_KEY.slice(-4)}`);
    // Configured at once: the "no API key" notice is gone.
    await card.getByText(/no API key/).waitFor({ state: 'detached' });
    await expect(card.getByLabel('Key', { exact: true }).inputValue()).resolves.toBe('');
    expect(await page.content()).not.toContain(FIRST_KEY);
    await saveScreenshot(page, 'provider-keys');

    await card.getByLabel('Label').fill('main');
    await card.getByLabel('Key', { exact: true }).fill(SECOND_KEY);
    await card.getByRole('button', { name: 'Save key' }).click();
    await card.getByText(`…${SECOND_KEY.slice(-4)}`).waitFor();
    await expect(card.locator('[data-key-label]').count()).resolves.toBe(1);
    const html = await page.content();
    expect(html).not.toContain(FIRST_KEY);
    expect(html).not.toContain(SECOND_KEY);

    // The call after the change goes up with the new key (the mock knows only its own keys, so it refuses
    // it: what counts here is which key was sent).
    setup.gateway.mock.clear();
    const res = await fetch(`${setup.gateway.url}/v1/ai/chat/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'spare:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await res.arrayBuffer();
    expect(setup.gateway.mock.requests.map((request) => request.apiKey)).toEqual([SECOND_KEY]);

    await card.getByRole('button', { name: 'Remove key main of spare' }).click();
    await row.waitFor({ state: 'detached' });
    await card.getByText('No key.').waitFor();
    await card.getByText(/no API key/).waitFor();
  });
});

const OWN_KEY = 'sk-my-own-key-typed-0123456789lmno';

describeInBrowser('the settings page: your own provider key', () => {
  const setup = useWebTestSetup({
    config: (base) => ({
      models: {
        defaults: { chat: 'openai:gpt-4o-mini' },
        openai: { endpoint: base('openai'), api_key: 'sk-upstream-openai-0123456789', user_keys: 'allow' },
      },
    }),
  });

  it('stores your key, shows its last four only, uses it for your calls, and goes back to the shared key', async () => {
    const page = await setup.open('/settings');
    const form = page.getByRole('form', { name: 'Your key for openai' });
    await form.waitFor();
    await expect(form.getByText('shared key').isVisible()).resolves.toBe(true);
    await form.getByLabel(/^openai/).fill(OWN_KEY);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText(`…${OWN_KEY.slice(-4)}`).waitFor();
    expect(await page.content()).not.toContain(OWN_KEY);

    setup.gateway.mock.clear();
    const res = await fetch(`${setup.gateway.url}/v1/ai/chat/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    await res.arrayBuffer();
    expect(setup.gateway.mock.requests.map((request) => request.apiKey)).toEqual([OWN_KEY]);

    await form.getByRole('button', { name: 'Use the shared key' }).click();
    await form.getByText('shared key').waitFor();
  });
});

const BYOK_KEY = 'sk-only-mine-typed-0123456789pqrs';

describeInBrowser('the settings page: a provider that only your own key serves', () => {
  const setup = useWebTestSetup({
    config: (base) => ({
      models: {
        defaults: { chat: 'openai:gpt-4o-mini' },
        openai: { endpoint: base('openai'), api_key: 'sk-upstream-openai-0123456789' },
        // No shared key: callable only by who stored their own.
        byok: { kind: 'openai', endpoint: base('openai'), user_keys: 'allow' },
      },
    }),
  });

  it('offers its models once you store your key, and saves your choice there', async () => {
    const page = await setup.open('/settings');
    const row = page
      .locator('li.task-row')
      .filter({ has: page.getByRole('heading', { name: 'Chat', exact: true }) });
    const picker = row.getByRole('button', { name: /^Model for Chat:/ });
    const group = row.getByRole('listbox', { name: 'Models for Chat' }).getByRole('group', { name: /^byok/ });
    await picker.click();
    await expect(group.getByRole('option').first().getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(group.textContent()).resolves.toMatch(/provider "byok" is not configured/);
    await page.keyboard.press('Escape');

    const form = page.getByRole('form', { name: 'Your key for byok' });
    await form.getByLabel(/^byok/).fill(BYOK_KEY);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText(`…${BYOK_KEY.slice(-4)}`).waitFor();

    await picker.click();
    const option = group.getByRole('option').first();
    await expect(option.getAttribute('aria-disabled')).resolves.not.toBe('true');
    const saved = page.waitForResponse((response) => response.request().method() === 'PUT');
    await option.click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON().id).toMatch(/^byok:/);
    await expect(picker.textContent()).resolves.not.toMatch(/unavailable/);
    expect(await page.content()).not.toContain(BYOK_KEY);
  });
});
