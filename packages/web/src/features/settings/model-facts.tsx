import type { ApiModel } from '@switchboard/client';
import { formatPrice, formatTokenCount } from '@switchboard/core';

/** A model's facts: context window (`200K`), output limit, price per 1M tokens and features. */
export function ModelFacts({ model }: { model: ApiModel }) {
  return (
    <div className="model-facts">
      <dl className="facts">
        <div>
          <dt>Context</dt>
          <dd>{formatTokenCount(model.context_window)}</dd>
        </div>
        <div>
          <dt>Max output</dt>
          <dd>{formatTokenCount(model.max_output_tokens)}</dd>
        </div>
        <div>
          <dt>Price in / out</dt>
          <dd>{formatPrice(model.cost)}</dd>
        </div>
      </dl>
      {(model.features.length > 0 || !model.registered) && (
        <ul className="feature-list" aria-label={`Features of ${model.label ?? model.name}`}>
          {!model.registered && <li className="badge badge-warning">unregistered</li>}
          {model.features.map((feature) => (
            <li key={feature} className="badge badge-feature">
              {feature}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
