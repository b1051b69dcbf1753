import { useSetUserProviderKey, useUserProviderKeys } from '@switchboard/client/react';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../common/error-notice';

/**
 * The signed-in user's own provider keys, for providers that take them (`user_keys: allow`): their calls to
 * such a provider use their key. A saved key is shown by its last four characters only, and the field is
 * cleared at once.
 */
export function MyProviderKeys({ userId }: { userId: string }) {
  const id = useId();
  const keys = useUserProviderKeys(userId);
  const set = useSetUserProviderKey(userId);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  if (!keys.data || keys.data.allowed.length === 0) return null;

  const submit = (provider: string) => (event: FormEvent) => {
    event.preventDefault();
    const key = (drafts[provider] ?? '').trim();
    setDrafts((current) => ({ ...current, [provider]: '' }));
    if (key) set.mutate({ provider, key });
  };

  return (
    <section className="card my-provider-keys" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Your provider keys
      </h2>
      <p className="card-description">Your calls to these providers use your own key; nobody sees it.</p>
      {keys.data.allowed.map((provider) => {
        const mine = keys.data.keys.find((entry) => entry.provider === provider);
        return (
          <form
            key={provider}
            className="key-form"
            onSubmit={submit(provider)}
            aria-label={`Your key for ${provider}`}
          >
            <label className="field-label" htmlFor={`${id}-${provider}`}>
              {provider}: {mine ? <code>…{mine.last4}</code> : 'shared key'}
            </label>
            <input
              id={`${id}-${provider}`}
              className="input"
              type="password"
              autoComplete="off"
              placeholder={mine ? 'Replace your key' : 'Your key'}
              value={drafts[provider] ?? ''}
              onChange={(e) => setDrafts((current) => ({ ...current, [provider]: e.target.value }))}
            />
            <button type="submit" className="button button-primary">
              Save
            </button>
            {mine && (
              <button
                type="button"
                className="button button-small"
                onClick={() => set.mutate({ provider, key: null })}
              >
                Use the shared key
              </button>
            )}
          </form>
        );
      })}
      {set.isError && <ErrorNotice title="Your key was not saved" error={set.error} />}
    </section>
  );
}
