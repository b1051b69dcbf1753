import {
  type Ir,
  irBuildBodySchema,
  irBuildResponseSchema,
  irSchema,
  sqlBodySchema,
  sqlResponseSchema,
} from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callObject } from '../../gateway/generate-task-object.js';
import { callText } from '../../gateway/generate-task-text.js';
import { runTaskCall } from '../../gateway/run-task-call.js';
import { servedFields, servedHeaders } from '../../gateway/task-call-context.js';
import { clientAbortSignal } from '../../http/client-abort-signal.js';
import { extractSql } from './extract-sql.js';

const IR_SYSTEM =
  'You turn a question about data into a structured intermediate representation (IR) of a database query. ' +
  'Use only tables and columns from the schema when one is given. Answer with the IR object only.';

const SQL_SYSTEM =
  'You write one SQL query for the given dialect. Use only tables and columns from the schema when one is given. ' +
  'Answer with the SQL only, in a ```sql fenced block, and nothing else.';

/** `POST /v1/ir/build` (task `ir_build`) and `POST /v1/sql` (task `sql`). */
export const irSqlRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/ir/build',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'A structured IR of a data question (task ir_build), validated; invalid model output is a 502',
        body: irBuildBodySchema,
        response: { 200: irBuildResponseSchema },
      },
    },
    async (request, reply) => {
      const { question, schema, model } = request.body;
      const served = await runTaskCall(
        { app, request, task: 'ir_build', override: model, endpoint: '/v1/ir/build', needs: ['json'] },
        callObject<Ir>(
          {
            system: IR_SYSTEM,
            prompt: `${schema ? `Database schema:\n${schema}\n\n` : ''}Question: ${question}`,
            output: { schema: irSchema, name: 'query_ir' },
          },
          clientAbortSignal(reply),
        ),
      );
      reply.headers(servedHeaders(served));
      return { ir: served.value, ...servedFields(served) };
    },
  );

  app.post(
    '/v1/sql',
    {
      schema: {
        tags: ['tasks'],
        summary: 'SQL for a question or an IR in the given dialect (task sql)',
        body: sqlBodySchema,
        response: { 200: sqlResponseSchema },
      },
    },
    async (request, reply) => {
      const { question, ir, dialect, schema, model } = request.body;
      const ask = ir ? `Query IR (JSON):\n${JSON.stringify(ir)}` : `Question: ${question}`;
      const served = await runTaskCall(
        { app, request, task: 'sql', override: model, endpoint: '/v1/sql' },
        callText(
          {
            system: SQL_SYSTEM,
            prompt: `Dialect: ${dialect}\n${schema ? `Database schema:\n${schema}\n` : ''}${ask}`,
          },
          clientAbortSignal(reply),
        ),
      );
      reply.headers(servedHeaders(served));
      return { sql: extractSql(served.value.text), dialect, ...servedFields(served) };
    },
  );
};
