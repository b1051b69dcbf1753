import type { ModelInfo, Resolution, TaskInfo } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { selectCapableCandidates } from './select-capable-candidates.js';

const info = (id: string, features: string[]): ModelInfo =>
  ({
    id,
    provider: id.split(':')[0],
    name: id.split(':')[1],
    kind: 'openai',
    registered: true,
    origin: 'config',
    capabilities: ['chat'],
    context_window: null,
    max_output_tokens: null,
    cost: null,
    features,
  }) as ModelInfo;

const MODEL_MAP = new Map([
  ['a:plain', info('a:plain', ['vision'])],
  ['b:tools', info('b:tools', ['tools', 'vision'])],
  ['c:unknown', info('c:unknown', [])],
  ['d:schema', info('d:schema', ['vision', 'structured_output'])],
]);
const task = (name: string, requires: TaskInfo['requires']) =>
  [name, { name, capability: 'chat', fallbacks: [], requires } as unknown as TaskInfo] as const;
const MODELS = {
  models: MODEL_MAP,
  tasks: new Map([task('chat', {}), task('insight_extraction', { features: ['json_schema'] })]),
};

const resolution = (model: string, fallbacks: string[]): Resolution =>
  ({
    task: 'chat',
    capability: 'chat',
    model,
    provider: model.split(':')[0],
    name: model.split(':')[1],
    kind: 'openai',
    registered: true,
    source: 'config_default',
    via: 'models.defaults.chat',
    skipped: [],
    fallbacks,
    usable: true,
    info: MODEL_MAP.get(model),
  }) as Resolution;

describe('selectCapableCandidates', () => {
  it('skips the candidates whose facts lack a need, names them, and serves with the next', () => {
    const selected = selectCapableCandidates(MODELS, resolution('a:plain', ['b:tools', 'c:unknown']), [
      'tools',
    ]);
    expect(selected.model).toBe('b:tools');
    expect(selected.provider).toBe('b');
    expect(selected.fallbacks).toEqual(['c:unknown']);
    expect(selected.skipped).toEqual([
      expect.objectContaining({
        model: 'a:plain',
        code: 'lacks_feature',
        reason: expect.stringContaining('tools'),
      }),
    ]);
  });

  it('tries a model with no recorded features (nothing known against it), and changes nothing without needs', () => {
    expect(selectCapableCandidates(MODELS, resolution('c:unknown', []), ['tools', 'vision']).model).toBe(
      'c:unknown',
    );
    const unchanged = resolution('a:plain', ['b:tools']);
    expect(selectCapableCandidates(MODELS, unchanged, [])).toBe(unchanged);
  });

  it('counts tools as a way to JSON output', () => {
    expect(selectCapableCandidates(MODELS, resolution('a:plain', ['b:tools']), ['json']).model).toBe(
      'b:tools',
    );
  });

  it('answers 400 naming the feature no candidate has', () => {
    expect(() => selectCapableCandidates(MODELS, resolution('a:plain', []), ['tools'])).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        message: expect.stringContaining('has tools'),
        details: expect.objectContaining({ needs: ['tools'] }),
      }),
    );
  });

  it("counts a task's requirements with the request's needs: structured output, not tools, for json_schema", () => {
    const unfit = { ...resolution('b:tools', ['d:schema', 'c:unknown']), task: 'insight_extraction' };
    const selected = selectCapableCandidates(MODELS, unfit, undefined);
    expect(selected.model).toBe('d:schema');
    expect(selected.fallbacks).toEqual(['c:unknown']);
    expect(selected.skipped).toEqual([
      expect.objectContaining({
        model: 'b:tools',
        code: 'unfit_for_task',
        reason: expect.stringContaining('lacks json_schema'),
      }),
    ]);
    // The request's images add to the task's json_schema: d:schema has both, b:tools only one.
    expect(selectCapableCandidates(MODELS, unfit, ['vision']).model).toBe('d:schema');
  });

  it('answers model_unfit_for_task naming the missing feature when no candidate fits the task', () => {
    const unfit = { ...resolution('a:plain', ['b:tools']), task: 'insight_extraction' };
    expect(() => selectCapableCandidates(MODELS, unfit, undefined)).toThrow(
      expect.objectContaining({
        code: 'model_unfit_for_task',
        message: expect.stringContaining('lacks json_schema'),
        details: expect.objectContaining({ missing_features: ['json_schema'] }),
      }),
    );
  });
});
