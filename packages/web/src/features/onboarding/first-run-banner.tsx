import { useModelsStatus } from '@switchboard/client/react';
import { describeProviderUsability } from '@switchboard/core';

/**
 * Shown on every page while no provider can be called (no key anywhere, local servers down): what to set, or
 * how to try everything with no keys at all. It goes away by itself once a provider answers.
 */
export function FirstRunBanner() {
  const status = useModelsStatus();
  if (!status.data) return null;
  const { providers, health } = status.data;
  const reasons = providers.map((provider) => ({
    name: provider.name,
    ...describeProviderUsability(provider, health[provider.name]),
  }));
  if (reasons.some((provider) => provider.usable)) return null;
  return (
    <section className="notice notice-info first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title" className="notice-title">
        No provider can be called yet
      </h2>
      <p>
        Set a provider's key in the environment and restart Switchboard (for example{' '}
        <code>OPENAI_API_KEY=sk-… npm start</code>), or start a local Ollama. To try every page with no keys
        at all, run <code>npm run demo</code>: the gateway against built-in mock providers of every kind.
      </p>
      {reasons.length > 0 && (
        <details>
          <summary>Why each provider is unavailable</summary>
          <ul className="first-run-reasons">
            {reasons.map((provider) => (
              <li key={provider.name}>
                <strong>{provider.name}</strong>: {provider.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
