import { useUnpricedModels } from '@switchboard/client/react';
import { useId } from 'react';

/**
 * Models that served calls whose cost is unknown (counted apart, never as $0), on the Usage and Providers
 * pages: the admin's cue to give them a price. Gone once the config or a catalogue import prices them.
 */
export function UnpricedBanner() {
  const titleId = useId();
  const unpriced = useUnpricedModels();
  const models = unpriced.data?.models ?? [];
  if (!models.length) return null;
  const count = models.length;
  return (
    <section className="notice notice-warning unpriced-banner" aria-labelledby={titleId}>
      <h2 id={titleId} className="notice-title">
        {count === 1 ? '1 model has' : `${count} models have`} no known price
      </h2>
      <p>
        Their calls are counted as unpriced, not as $0. Give each a price in the config (
        <code>models.&lt;provider&gt;.registry.&lt;name&gt;.cost</code>) or import a catalogue that lists it (
        <code>switchboard catalog import FILE|URL</code>).
      </p>
      <ul className="unpriced-models">
        {models.map((model) => (
          <li key={model.model}>
            <code>{model.model}</code>: {model.calls} {model.calls === 1 ? 'call' : 'calls'}
            {model.registered ? '' : ' (not in the registry)'}
          </li>
        ))}
      </ul>
    </section>
  );
}
