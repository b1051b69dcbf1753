import { z } from 'zod';
import { servedBySchema } from './task-schemas.js';

/**
 * The intermediate representation of a data question, which `/v1/sql` turns into SQL. Every field is
 * required (nullable or possibly empty lists), so a model's answer is either a whole IR or an error.
 */
export const irSchema = z.object({
  intent: z
    .enum(['list', 'aggregate', 'count', 'compare', 'trend', 'lookup'])
    .describe('What the question asks for'),
  entities: z.array(z.string()).describe('Tables or business entities the question is about'),
  measures: z
    .array(
      z.object({
        field: z.string(),
        aggregate: z.enum(['sum', 'avg', 'count', 'min', 'max', 'none']),
        alias: z.string().nullable(),
      }),
    )
    .describe('Values to compute'),
  filters: z
    .array(
      z.object({
        field: z.string(),
        operator: z.enum(['=', '!=', '>', '>=', '<', '<=', 'in', 'like', 'between']),
        value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
      }),
    )
    .describe('Conditions rows must meet'),
  group_by: z.array(z.string()),
  order_by: z.array(z.object({ field: z.string(), direction: z.enum(['asc', 'desc']) })),
  limit: z.int().positive().nullable(),
});

/** `POST /v1/ir/build`. `schema` describes the database (DDL or prose) to ground table names. */
export const irBuildBodySchema = z.strictObject({
  question: z.string().min(1),
  schema: z.string().optional(),
  model: z.string().min(1).optional(),
});

export const irBuildResponseSchema = servedBySchema.extend({ ir: irSchema });

export const SQL_DIALECTS = [
  'postgresql',
  'mysql',
  'sqlite',
  'mssql',
  'bigquery',
  'snowflake',
  'duckdb',
] as const;

/** `POST /v1/sql`: a question or an IR (exactly one), and the dialect to write. */
export const sqlBodySchema = z
  .strictObject({
    question: z.string().min(1).optional(),
    ir: irSchema.optional(),
    dialect: z.enum(SQL_DIALECTS),
    schema: z.string().optional(),
    model: z.string().min(1).optional(),
  })
  .refine((body) => (body.question === undefined) !== (body.ir === undefined), {
    message: 'expected exactly one of "question" or "ir"',
  });

export const sqlResponseSchema = servedBySchema.extend({ sql: z.string(), dialect: z.enum(SQL_DIALECTS) });

export type Ir = z.infer<typeof irSchema>;
export type IrBuildBody = z.infer<typeof irBuildBodySchema>;
export type IrBuildResponse = z.infer<typeof irBuildResponseSchema>;
export type SqlBody = z.infer<typeof sqlBodySchema>;
export type SqlResponse = z.infer<typeof sqlResponseSchema>;
