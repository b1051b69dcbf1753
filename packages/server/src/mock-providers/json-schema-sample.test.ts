import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sampleJsonSchema } from './index.js';

describe('sampleJsonSchema', () => {
  it('satisfies a zod schema converted to JSON Schema', () => {
    const schema = z.object({
      id: z.uuid(),
      when: z.iso.datetime(),
      count: z.number().int().min(3).max(9).multipleOf(3),
      ratio: z.number().gt(0).lt(1),
      label: z.string().min(10).max(12),
      kind: z.enum(['x', 'y']),
      literal: z.literal('fixed'),
      list: z.array(z.number()).min(3).max(3),
      tuple: z.tuple([z.string(), z.boolean()]),
      either: z.union([z.null(), z.object({ a: z.string() })]),
      maybe: z.string().optional(),
      nested: z.object({ deep: z.array(z.object({ ok: z.boolean() })) }),
      record: z.record(z.string(), z.number()),
    });
    const value = sampleJsonSchema(z.toJSONSchema(schema));
    expect(schema.parse(value)).toEqual(value);
    expect(value).not.toHaveProperty('maybe');
  });

  it('follows $ref into $defs and definitions', () => {
    const schema = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/item' }, b: { $ref: '#/definitions/other' } },
      required: ['a', 'b'],
      $defs: { item: { type: 'string', enum: ['first'] } },
      definitions: { other: { type: 'integer', minimum: 5 } },
    };
    expect(sampleJsonSchema(schema)).toEqual({ a: 'first', b: 5 });
  });

  it('reads Gemini upper-case types, allOf and nullable type arrays', () => {
    expect(
      sampleJsonSchema({ type: 'OBJECT', properties: { n: { type: 'NUMBER' } }, required: ['n'] }),
    ).toEqual({ n: 0 });
    expect(
      sampleJsonSchema({
        allOf: [
          { properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'boolean' } }, required: ['b'] },
        ],
      }),
    ).toEqual({ a: 'mock', b: true });
    expect(sampleJsonSchema({ type: ['null', 'integer'] })).toBe(0);
  });

  it('reads constraints that @ai-sdk/anthropic moved into the description', () => {
    expect(
      sampleJsonSchema({ type: 'integer', description: 'maximum: 9007199254740991; exclusive minimum: 0.' }),
    ).toBe(1);
    expect(
      sampleJsonSchema({ type: 'array', items: { type: 'string' }, description: 'Tags\nmin items: 2.' }),
    ).toEqual(['mock', 'mock']);
  });

  it('answers {} for an empty schema (plain JSON mode)', () => {
    expect(sampleJsonSchema({})).toEqual({});
  });
});
