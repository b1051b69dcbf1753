import type { ProviderKeyState } from '@switchboard/client';
import { useDeleteProviderKey, useIsAdmin, usePutProviderKey } from '@switchboard/client/react';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../common/error-notice';

function describeStatus(key: ProviderKeyState): string {
  if (key.status === 'cooling' && key.until)
    return `cooling until ${new Date(key.until).toLocaleTimeString()}`;
  if (key.status === 'bad') return `bad (${key.upstream_status ?? 'refused'})`;
  return key.status;
}

/**
 * A provider's key pool: each key by label and last four characters (the server never sends more), its
 * weight and status; admins add, replace (same label) and remove runtime keys. A key typed here is sent
 * once and the field is cleared: it is never shown back.
 */
export function ProviderKeys({ provider, keys }: { provider: string; keys: readonly ProviderKeyState[] }) {
  const id = useId();
  const isAdmin = useIsAdmin();
  const put = usePutProviderKey();
  const remove = useDeleteProviderKey();
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [weight, setWeight] = useState('1');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    put.mutate(
      { provider, label: label.trim(), body: { key: key.trim(), weight: Number(weight) || 1 } },
      {
        onSuccess: () => {
          setLabel('');
          setWeight('1');
        },
      },
    );
    // Cleared at once, whatever the answer: the key must not linger in the page.
    setKey('');
  };

  return (
    <section className="provider-keys" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="field-label">
        Keys
      </h3>
      {keys.length === 0 ? (
        <p className="task-meta">No key.</p>
      ) : (
        <ul className="key-list">
          {keys.map((entry) => (
            <li key={entry.label} className="key-row" data-key-label={entry.label}>
              <span className="key-label">{entry.label}</span> <code>…{entry.last4}</code>{' '}
              <span className="tag">{entry.source}</span> <span className="tag">weight {entry.weight}</span>{' '}
              <span className={`tag key-status-${entry.status}`}>{describeStatus(entry)}</span>
              {isAdmin && entry.source === 'runtime' && (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Remove key ${entry.label} of ${provider}`}
                  onClick={() => remove.mutate({ provider, label: entry.label })}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isAdmin && (
        <form className="key-form" onSubmit={submit} aria-label={`Add or replace a key of ${provider}`}>
          <label className="field-label" htmlFor={`${id}-label`}>
            Label
          </label>
          <input
            id={`${id}-label`}
            className="input"
            value={label}
            required
            pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}"
            onChange={(e) => setLabel(e.target.value)}
          />
          <label className="field-label" htmlFor={`${id}-key`}>
            Key
          </label>
          <input
            id={`${id}-key`}
            className="input"
            type="password"
            autoComplete="off"
            value={key}
            required
            onChange={(e) => setKey(e.target.value)}
          />
          <label className="field-label" htmlFor={`${id}-weight`}>
            Weight
          </label>
          <input
            id={`${id}-weight`}
            className="input"
            type="number"
            min="0.001"
            step="any"
            value={weight}
            onChange={(e) => setWeight(e.target.value)}
          />
          <button type="submit" className="button button-primary" aria-disabled={put.isPending}>
            {put.isPending ? 'Saving…' : 'Save key'}
          </button>
        </form>
      )}
      {put.isError && <ErrorNotice title="The key was not saved" error={put.error} />}
      {remove.isError && <ErrorNotice title="The key was not removed" error={remove.error} />}
    </section>
  );
}
