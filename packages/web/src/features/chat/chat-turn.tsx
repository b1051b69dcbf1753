import type { TaskStreamDone } from '@switchboard/client';
import { formatCost } from '@switchboard/core';

/** A question and its answer; while streaming, the answer grows, and the model and cost come at the end. */
export function ChatTurn({
  question,
  answer,
  served,
  streaming = false,
}: {
  question: string;
  answer: string;
  served: TaskStreamDone | undefined;
  streaming?: boolean;
}) {
  return (
    <li className="turn">
      <div className="bubble bubble-user">
        <span className="visually-hidden">You: </span>
        {question}
      </div>
      <div className="bubble bubble-assistant" aria-busy={streaming} data-testid="answer">
        <span className="visually-hidden">Answer: </span>
        <span className="answer-text">{answer}</span>
        {streaming && <span className="cursor" aria-hidden="true" />}
        {served && (
          <p className="served" data-testid="served">
            <code>{served.model}</code>
            <span>{formatCost(served.cost)}</span>
            <span>
              {served.usage.input_tokens} in · {served.usage.output_tokens} out tokens
            </span>
            {served.fallback && <span>fallback from {served.fallback.from}</span>}
          </p>
        )}
      </div>
    </li>
  );
}
