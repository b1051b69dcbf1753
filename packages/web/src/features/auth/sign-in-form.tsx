import { type FormEvent, useId, useState } from 'react';
import { useSession } from './session-context';

/** Token mode: asks for an API token (`switchboard tokens create --user <id>`), kept in this browser. */
export function SignInForm({ refusal }: { refusal: string | undefined }) {
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const inputId = useId();
  const hintId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed) signIn(trimmed);
  };

  return (
    <div className="gate">
      <form className="card sign-in" onSubmit={submit} aria-labelledby={`${inputId}-title`}>
        <h1 id={`${inputId}-title`} className="sign-in-title">
          Sign in to Switchboard
        </h1>
        <p className="muted">
          This server runs with <code>auth.mode: token</code>. Paste an API token; it is kept in this browser
          only and sent as a bearer token.
        </p>
        {refusal && (
          <p className="notice notice-error" role="alert">
            The server refused the token: {refusal}
          </p>
        )}
        <label className="field-label" htmlFor={inputId}>
          API token
        </label>
        <input
          id={inputId}
          className="input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          aria-describedby={hintId}
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
        <p id={hintId} className="hint">
          Create one with <code>switchboard tokens create --user &lt;id&gt;</code>.
        </p>
        <button type="submit" className="button button-primary">
          Sign in
        </button>
      </form>
    </div>
  );
}
