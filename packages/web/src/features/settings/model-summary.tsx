import type { ApiModel } from '@switchboard/client';
import { formatPrice, formatTokenCount } from '@switchboard/core';

/** A model's facts on one line: context, price per 1M tokens in / out, features. */
export function ModelSummary({ model }: { model: ApiModel }) {
  return (
    <span className="model-summary">
      <span title="Context window, in tokens">
        {model.context_window === null
          ? 'context unknown'
          : `${formatTokenCount(model.context_window)} context`}
      </span>
      <span>{formatPrice(model.cost)}</span>
      {model.features.length > 0 && <span>{model.features.join(', ')}</span>}
    </span>
  );
}
