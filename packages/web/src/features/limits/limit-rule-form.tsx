import type { PutLimitBody } from '@switchboard/client';
import { usePutLimit } from '@switchboard/client/react';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../common/error-notice';

const DIMENSIONS = ['user', 'task', 'provider', 'model', 'token'] as const;
const MEASURES = ['requests', 'tokens', 'usd'] as const;
const WINDOWS = ['minute', 'hour', 'day', 'month'] as const;

/** An admin's form for a runtime rule; the server checks it (unknown task, provider, ...) and says what is wrong. */
export function LimitRuleForm() {
  const id = useId();
  const put = usePutLimit();
  const [name, setName] = useState('');
  const [dimension, setDimension] = useState<(typeof DIMENSIONS)[number]>('user');
  const [value, setValue] = useState('');
  const [measure, setMeasure] = useState<(typeof MEASURES)[number]>('requests');
  const [amount, setAmount] = useState('');
  const [per, setPer] = useState<(typeof WINDOWS)[number]>('day');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rule = {
      ...(value.trim() ? { [dimension]: value.trim() } : {}),
      [measure]: Number(amount),
      per,
    } as PutLimitBody;
    put.mutate({ name: name.trim(), rule }, { onSuccess: () => setName('') });
  };

  return (
    <form className="card limit-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Add a runtime limit
      </h2>
      <p className="card-description">Stored in the database: every instance applies it at once.</p>
      <div className="limit-form-fields">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            required
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-dimension`}>
            Applies to
          </label>
          <select
            id={`${id}-dimension`}
            className="select"
            value={dimension}
            onChange={(e) => setDimension(e.target.value as (typeof DIMENSIONS)[number])}
          >
            {DIMENSIONS.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-value`}>
            Value ("*": each one; empty: every call)
          </label>
          <input
            id={`${id}-value`}
            className="input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-measure`}>
            Measure
          </label>
          <select
            id={`${id}-measure`}
            className="select"
            value={measure}
            onChange={(e) => setMeasure(e.target.value as (typeof MEASURES)[number])}
          >
            {MEASURES.map((option) => (
              <option key={option} value={option}>
                {option === 'usd' ? 'USD' : option}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-amount`}>
            Limit
          </label>
          <input
            id={`${id}-amount`}
            className="input"
            type="number"
            min="0"
            step="any"
            required
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-per`}>
            Per (calendar, UTC)
          </label>
          <select
            id={`${id}-per`}
            className="select"
            value={per}
            onChange={(e) => setPer(e.target.value as (typeof WINDOWS)[number])}
          >
            {WINDOWS.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
      </div>
      {put.isError && <ErrorNotice title="The limit was not saved" error={put.error} />}
      <div className="limit-card-actions">
        <button type="submit" className="button button-primary" disabled={put.isPending}>
          {put.isPending ? 'Saving…' : 'Save limit'}
        </button>
      </div>
    </form>
  );
}
