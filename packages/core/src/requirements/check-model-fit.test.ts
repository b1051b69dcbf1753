import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkModelFit, describeFitProblems, type FitFacts } from './check-model-fit.js';
import { CANONICAL_FEATURES, canonicalFeature, mergeRequirements } from './task-requirements.js';

const facts = (over: Partial<FitFacts> = {}): FitFacts => ({
  features: ['tools', 'vision', 'thinking', 'structured_output'],
  context_window: 128_000,
  cost: { input: 3, output: 15 },
  ...over,
});

describe('checkModelFit', () => {
  it('fits when the facts have every required feature, read through synonyms both ways', () => {
    expect(checkModelFit(facts(), { features: ['tools', 'reasoning', 'json_schema'] })).toEqual({
      fits: true,
      problems: [],
      unverified: [],
    });
    expect(checkModelFit(facts({ features: ['json'] }), { features: ['structured_output'] }).fits).toBe(true);
  });

  it('names each missing feature, a context too small and prices too high', () => {
    const fit = checkModelFit(facts({ features: ['vision'], context_window: 8_192 }), {
      features: ['tools', 'vision', 'pdf'],
      min_context: 100_000,
      max_input_price: 2,
      max_output_price: 20,
    });
    expect(fit.fits).toBe(false);
    expect(fit.problems).toEqual([
      { code: 'missing_feature', feature: 'tools' },
      { code: 'missing_feature', feature: 'pdf' },
      { code: 'context_too_small', required: 100_000, context_window: 8_192 },
      { code: 'input_price_too_high', max: 2, price: 3 },
    ]);
    expect(describeFitProblems(fit.problems)).toBe(
      'lacks tools and lacks pdf and has a context window of 8,192 tokens (100,000 required) and costs $3 per 1M input tokens (at most $2 allowed)',
    );
  });

  it('leaves unknown facts unverified, never failed: no features, no context window, no price, no model', () => {
    const requires = { features: ['tools'], min_context: 1000, max_output_price: 1 };
    const fit = checkModelFit(facts({ features: [], context_window: null, cost: null }), requires);
    expect(fit).toEqual({
      fits: true,
      problems: [],
      unverified: [
        { code: 'features_unknown', features: ['tools'] },
        { code: 'context_unknown', required: 1000 },
        { code: 'price_unknown' },
      ],
    });
    expect(checkModelFit(undefined, requires).fits).toBe(true);
    expect(checkModelFit(undefined, requires).unverified).toHaveLength(3);
  });

  const feature = fc.constantFrom(...CANONICAL_FEATURES, 'thinking', 'structured_output', 'json');
  const anyFacts = fc.record({
    features: fc.uniqueArray(feature, { maxLength: 6 }),
    context_window: fc.option(fc.integer({ min: 1, max: 2_000_000 }), { nil: null }),
    cost: fc.option(
      fc.record({
        input: fc.double({ min: 0, max: 100, noNaN: true }),
        output: fc.double({ min: 0, max: 100, noNaN: true }),
      }),
      { nil: null },
    ),
  });
  const anyRequirements = fc.record(
    {
      features: fc.uniqueArray(feature, { maxLength: 4 }),
      min_context: fc.integer({ min: 1, max: 2_000_000 }),
      max_input_price: fc.double({ min: 0, max: 100, noNaN: true }),
      max_output_price: fc.double({ min: 0, max: 100, noNaN: true }),
    },
    { requiredKeys: [] },
  );

  it('property: a model fits the merge of two requirements exactly when it fits both', () => {
    fc.assert(
      fc.property(anyFacts, anyRequirements, anyRequirements, (model, a, b) => {
        const both = checkModelFit(model, mergeRequirements(a, b)).fits;
        expect(both).toBe(checkModelFit(model, a).fits && checkModelFit(model, b).fits);
      }),
    );
  });

  it('property: a model whose facts list every required feature (in any spelling) never misses one', () => {
    fc.assert(
      fc.property(anyFacts, anyRequirements, (model, requires) => {
        const withAll = { ...model, features: [...model.features, ...(requires.features ?? [])] };
        const missing = checkModelFit(withAll, requires).problems.filter((p) => p.code === 'missing_feature');
        expect(missing).toEqual([]);
      }),
    );
  });

  it('property: every problem names a requirement the facts really miss', () => {
    fc.assert(
      fc.property(anyFacts, anyRequirements, (model, requires) => {
        for (const problem of checkModelFit(model, requires).problems) {
          if (problem.code === 'missing_feature') {
            expect(model.features.map(canonicalFeature)).not.toContain(problem.feature);
          } else if (problem.code === 'context_too_small') {
            expect(model.context_window).toBeLessThan(requires.min_context ?? 0);
          } else if (problem.code === 'input_price_too_high') {
            expect(model.cost?.input).toBeGreaterThan(requires.max_input_price ?? Infinity);
          } else {
            expect(model.cost?.output).toBeGreaterThan(requires.max_output_price ?? Infinity);
          }
        }
      }),
    );
  });
});
