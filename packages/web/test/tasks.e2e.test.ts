import { afterEach, expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot, useWebTestSetup } from './support/web-test-setup.js';

describeInBrowser('Chat and SQL pages', () => {
  const setup = useWebTestSetup();

  afterEach(() => setup.gateway.mock.clearFaults());

  it('streams a chat answer in, piece by piece, then shows the model and the cost', async () => {
    // The mock sends the answer in 8 pieces, 120 ms apart.
    setup.gateway.mock.setFault({ mode: 'paced', kind: 'openai', ms: 120, chunks: 8 });
    const page = await setup.open('/chat');
    await page.evaluate(() => {
      const snapshots: Array<{ text: string; served: boolean }> = [];
      (window as unknown as { snapshots: typeof snapshots }).snapshots = snapshots;
      new MutationObserver(() => {
        const answer = document.querySelector('[data-testid="answer"] .answer-text');
        snapshots.push({
          text: answer?.textContent ?? '',
          served: Boolean(document.querySelector('[data-testid="served"]')),
        });
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const question = 'Please explain how the gateway streams answers to the browser';
    await page.getByLabel('Message').fill(question);
    const request = page.waitForRequest((candidate) => candidate.url().endsWith('/v1/ai/chat/completion'));
    await page.getByRole('button', { name: 'Send' }).click();
    expect((await request).postDataJSON()).toMatchObject({
      stream: true,
      messages: [{ role: 'user', content: question }],
    });
    // While it streams, Stop replaces Send.
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    const served = page.getByTestId('served');
    await served.waitFor({ timeout: 10_000 });

    const snapshots = await page.evaluate(
      () => (window as unknown as { snapshots: Array<{ text: string; served: boolean }> }).snapshots,
    );
    const beforeDone = [
      ...new Set(
        snapshots.filter((snapshot) => !snapshot.served && snapshot.text).map((snapshot) => snapshot.text),
      ),
    ];
    // Several growing prefixes of the answer were on screen before the model and cost appeared.
    expect(beforeDone.length).toBeGreaterThanOrEqual(4);
    for (let index = 1; index < beforeDone.length; index += 1) {
      expect(beforeDone[index]!.startsWith(beforeDone[index - 1]!)).toBe(true);
      expect(beforeDone[index]!.length).toBeGreaterThan(beforeDone[index - 1]!.length);
    }
    const answer = (await page.getByTestId('answer').locator('.answer-text').textContent()) ?? '';
    expect(answer).toBe(`Echo: ${question}`);
    expect(beforeDone.at(-1)!.length).toBeLessThanOrEqual(answer.length);
    await expect(served.textContent()).resolves.toMatch(
      /openai:gpt-4o-mini[\s\S]*\$0\.0000\d+[\s\S]*\d+ in · \d+ out tokens/,
    );
    await page.getByRole('button', { name: 'Send' }).waitFor();
    await saveScreenshot(page, 'chat-streamed');
  });

  it('sends the chosen model as the override, and remembers the choice', async () => {
    const page = await setup.open('/chat');
    await page.getByLabel('Model').selectOption('compat:acme/chat-1');
    await page.getByLabel('Message').fill('hello');
    const request = page.waitForRequest((candidate) => candidate.url().endsWith('/v1/ai/chat/completion'));
    await page.getByLabel('Message').press('Enter');
    expect((await request).postDataJSON()).toMatchObject({ model: 'compat:acme/chat-1', stream: true });
    await expect(page.getByTestId('served').textContent()).resolves.toMatch(
      /compat:acme\/chat-1[\s\S]*\$0\.0000/,
    );
    // Kept per capability in this browser: the select still shows it after a reload.
    await page.reload();
    await page
      .getByLabel('Model')
      .locator('option[value="compat:acme/chat-1"]')
      .waitFor({ state: 'attached' });
    await expect(page.getByLabel('Model').inputValue()).resolves.toBe('compat:acme/chat-1');
    await expect(page.evaluate(() => localStorage.getItem('switchboard.model.chat'))).resolves.toBe(
      'compat:acme/chat-1',
    );
    // A provider that cannot serve is listed, disabled, with why.
    const nokey = page.getByLabel('Model').locator('optgroup[label^="nokey"]');
    await expect(nokey.getAttribute('label')).resolves.toMatch(
      /unavailable: provider "nokey" is not configured: no API key/,
    );
    await expect(nokey.locator('option').first().isDisabled()).resolves.toBe(true);
  });

  it('shows why an answer failed and gives the question back', async () => {
    setup.gateway.mock.setFault({ mode: 'server_error', kind: 'openai', status: 400, times: 1 });
    const page = await setup.open('/chat');
    await page.getByLabel('Message').fill('this one fails');
    await page.getByRole('button', { name: 'Send' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/No answer[\s\S]*Provider "openai" answered 400/);
    await expect(page.getByLabel('Message').inputValue()).resolves.toBe('this one fails');
  });

  it('turns a question into an IR, then SQL in the chosen dialect with the chosen model', async () => {
    const page = await setup.open('/sql');
    await page.getByLabel('Question').fill('Total revenue per month in 2025');
    await page.getByLabel('Dialect').selectOption('sqlite');
    await page.getByLabel('SQL model').selectOption('ollama:sqlcoder:7b');
    const irRequest = page.waitForRequest((request) => request.url().endsWith('/v1/ir/build'));
    const sqlRequest = page.waitForRequest((request) => request.url().endsWith('/v1/sql'));
    await page.getByRole('button', { name: 'Write SQL' }).click();
    expect((await irRequest).postDataJSON()).toEqual({ question: 'Total revenue per month in 2025' });

    const ir = JSON.parse((await page.getByTestId('ir').textContent()) ?? '');
    expect(ir).toMatchObject({
      intent: expect.any(String),
      entities: expect.any(Array),
      group_by: expect.any(Array),
    });
    expect((await sqlRequest).postDataJSON()).toEqual({ ir, dialect: 'sqlite', model: 'ollama:sqlcoder:7b' });
    const sql = await page.getByTestId('sql').textContent();
    // The mock echoes its prompt; a real model writes the query. Either way, it is the /v1/sql answer.
    expect(sql).toContain('Dialect: sqlite');
    await expect(page.locator('.result-card .served').last().textContent()).resolves.toMatch(
      /ollama:sqlcoder:7b[\s\S]*\$0/,
    );
    await saveScreenshot(page, 'sql-answered');
    await page.reload();
    await expect(page.getByLabel('Dialect').inputValue()).resolves.toBe('sqlite');
  });
});
