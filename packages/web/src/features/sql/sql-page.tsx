import { useBuildIr, useGenerateSql } from '@switchboard/client/react';
import { SQL_DIALECTS } from '@switchboard/core';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../common/error-notice';
import { ModelOverrideSelect } from '../common/model-override-select';
import { PageHeader } from '../common/page-header';
import { useStoredModel } from '../common/use-stored-model';
import { ServedBy } from './served-by';

type Dialect = (typeof SQL_DIALECTS)[number];

const DIALECT_STORAGE_KEY = 'switchboard.sql.dialect';

function loadDialect(): Dialect {
  try {
    const stored = localStorage.getItem(DIALECT_STORAGE_KEY);
    return (SQL_DIALECTS as readonly string[]).includes(stored ?? '') ? (stored as Dialect) : 'postgresql';
  } catch {
    return 'postgresql';
  }
}

/** A data question in two steps: `/v1/ir/build` makes the IR, `/v1/sql` writes SQL from it. */
export function SqlPage() {
  const questionId = useId();
  const schemaId = useId();
  const dialectId = useId();
  const [question, setQuestion] = useState('');
  const [schema, setSchema] = useState('');
  const [dialect, setDialect] = useState<Dialect>(loadDialect);
  const [model, setModel] = useStoredModel('sql');
  const buildIr = useBuildIr();
  const generateSql = useGenerateSql();
  const busy = buildIr.isPending || generateSql.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!question.trim() || busy) return;
    generateSql.reset();
    try {
      const built = await buildIr.mutateAsync({
        question: question.trim(),
        ...(schema.trim() ? { schema } : {}),
      });
      await generateSql.mutateAsync({
        ir: built.ir,
        dialect,
        ...(schema.trim() ? { schema } : {}),
        ...(model ? { model } : {}),
      });
    } catch {
      // Shown from the mutations' own error state.
    }
  };

  const chooseDialect = (next: Dialect) => {
    setDialect(next);
    try {
      localStorage.setItem(DIALECT_STORAGE_KEY, next);
    } catch {
      // Storage blocked: the choice lasts for this page only.
    }
  };

  return (
    <>
      <PageHeader
        title="SQL"
        description="Ask a question about your data. The ir_build task turns it into a structured IR; the sql task writes the query from the IR."
      />
      <div className="sql-layout">
        <form className="card sql-form" onSubmit={submit}>
          <div className="field">
            <label className="field-label" htmlFor={questionId}>
              Question
            </label>
            <textarea
              id={questionId}
              className="textarea"
              rows={3}
              value={question}
              onChange={(event) => setQuestion(event.target.value)}
              placeholder="Revenue by month for 2025, biggest first"
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={schemaId}>
              Database schema <span className="muted">(optional)</span>
            </label>
            <textarea
              id={schemaId}
              className="textarea textarea-code"
              rows={3}
              value={schema}
              onChange={(event) => setSchema(event.target.value)}
              placeholder="create table orders (id int, total numeric, created_at timestamp);"
            />
          </div>
          <div className="field-row">
            <div className="field">
              <label className="field-label" htmlFor={dialectId}>
                Dialect
              </label>
              <select
                id={dialectId}
                className="select"
                value={dialect}
                onChange={(event) => chooseDialect(event.target.value as Dialect)}
              >
                {SQL_DIALECTS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <ModelOverrideSelect
              capability="sql"
              task="sql"
              label="SQL model"
              value={model}
              onChange={setModel}
            />
          </div>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={!question.trim()}
              aria-disabled={busy}
            >
              {buildIr.isPending ? 'Building the IR…' : generateSql.isPending ? 'Writing SQL…' : 'Write SQL'}
            </button>
          </div>
        </form>

        <section className="card result-card" aria-labelledby={`${questionId}-ir`}>
          <h2 id={`${questionId}-ir`} className="card-title">
            1. Intermediate representation
          </h2>
          {buildIr.isError && <ErrorNotice title="The IR could not be built" error={buildIr.error} />}
          {buildIr.data ? (
            <>
              <pre className="code-block" data-testid="ir">
                {JSON.stringify(buildIr.data.ir, null, 2)}
              </pre>
              <ServedBy served={buildIr.data} />
            </>
          ) : (
            !buildIr.isError && <p className="muted">The IR appears here.</p>
          )}
        </section>

        <section className="card result-card" aria-labelledby={`${questionId}-sql`}>
          <h2 id={`${questionId}-sql`} className="card-title">
            2. SQL
          </h2>
          {generateSql.isError && (
            <ErrorNotice title="The SQL could not be written" error={generateSql.error} />
          )}
          {generateSql.data ? (
            <>
              <pre className="code-block" data-testid="sql">
                {generateSql.data.sql}
              </pre>
              <ServedBy served={generateSql.data} />
            </>
          ) : (
            !generateSql.isError && <p className="muted">The SQL appears here.</p>
          )}
        </section>
      </div>
    </>
  );
}
