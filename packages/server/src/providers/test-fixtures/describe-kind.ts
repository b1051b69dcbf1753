import { DEFAULT_MAX_RESPONSE_BYTES, type ProviderInfo, type ProviderKind } from '@switchboard/core';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateTaskText } from '../../gateway/generate-task-text.js';
import { type MockKind, type MockProviders, startMockProviders } from '../../mock-providers/index.js';
import { createKeyRedactor } from '../../security/key-redactor.js';
import { PROVIDER_KIND_MODULES } from '../index.js';
import { createKeyPool } from '../key-pool.js';
import type { ProviderRuntime } from '../provider-runtime.js';

const KEY = 'sk-kind-test-0123456789';
const CONFIG_HEADER = 'x-config-header';

export interface KindUnderTest {
  kind: ProviderKind;
  mockKind: MockKind;
  /** A chat model the mock serves. */
  model: string;
  /** The path (under the mock's kind prefix) a task call must go to. */
  taskPath: string | RegExp;
  /** False for kinds that run without a key (Ollama): the probe is then not tested for a bad one. */
  requiresKey?: boolean;
}

/**
 * The suite every provider kind's test runs against the mock upstream: a task call goes to the kind's
 * path with its key in its credential header and the config's headers, and answers the usage the mock
 * reported; the probe tells a good key from a bad one; discovery lists the mock's models.
 */
export function describeKind(spec: KindUnderTest): void {
  const module = PROVIDER_KIND_MODULES[spec.kind];
  let mock: MockProviders;
  const dispatcher = new Agent();
  const runtime = (apiKey: string | undefined = KEY): ProviderRuntime => ({
    info: {
      name: spec.kind,
      kind: spec.kind,
      configured: true,
      discover: true,
      endpoint: mock.baseUrl(spec.mockKind),
    } as ProviderInfo,
    apiKey,
    keys: createKeyPool(apiKey ? [{ label: 'default', key: apiKey, source: 'config' }] : []),
    headers: { [CONFIG_HEADER]: 'from-config' },
    endpoint: new URL(mock.baseUrl(spec.mockKind)),
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    dispatcher,
  });

  beforeAll(async () => {
    mock = await startMockProviders({
      apiKeys: spec.requiresKey === false ? {} : { [spec.mockKind]: KEY },
    });
  });
  afterAll(async () => {
    await mock?.close();
    await dispatcher.close();
  });
  beforeEach(() => mock.clear());

  describe(`provider kind ${spec.kind}`, () => {
    it('sends a task call to its path with its key and the config’s headers, and reads the usage back', async () => {
      const target = {
        model: `${spec.kind}:${spec.model}`,
        provider: spec.kind,
        name: spec.model,
        runtime: runtime(),
        kind: module,
        info: undefined,
        redactor: createKeyRedactor([KEY]),
      };
      const answer = await generateTaskText(
        target,
        { prompt: 'hello kind test' },
        new AbortController().signal,
      );
      expect(answer.value.text).toContain('hello kind test');
      expect(mock.requests).toHaveLength(1);
      const sent = mock.requests[0]!;
      expect(sent.method).toBe('POST');
      expect(sent.path).toMatch(spec.taskPath);
      const { header, scheme } = module.credential;
      expect(sent.headers[header]).toBe(scheme ? `${scheme} ${KEY}` : KEY);
      expect(sent.headers[CONFIG_HEADER]).toBe('from-config');
      // The model is named in the body, or (Gemini) in the path.
      expect(`${sent.path} ${JSON.stringify(sent.body)}`).toContain(spec.model);
      const reported = mock.reportedUsage.byKind[spec.mockKind];
      expect(reported.responses).toBe(1);
      expect(answer.usage).toMatchObject({
        inputTokens: reported.inputTokens,
        outputTokens: reported.outputTokens,
      });
    });

    it('probes: ok with the key', async () => {
      expect((await module.probe(runtime())).status).toBe('ok');
      expect(mock.requests[0]?.method).toBe('GET');
    });

    if (spec.requiresKey !== false) {
      it('probes: unauthorized with a wrong key, and the key is not in the error', async () => {
        const result = await module.probe(runtime('sk-wrong-key'));
        expect(result.status).toBe('unauthorized');
        expect(JSON.stringify(result)).not.toContain('sk-wrong-key');
      });
    }

    it('discovers the models the provider lists', async () => {
      const models = await module.discover(runtime());
      expect(models.map((model) => model.name)).toContain(spec.model);
    });
  });
}
