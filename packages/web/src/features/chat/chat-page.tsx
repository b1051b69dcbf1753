import type { ChatMessage, TaskStreamDone } from '@switchboard/client';
import { useChatCompletionStream } from '@switchboard/client/react';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { ErrorNotice } from '../common/error-notice';
import { ModelOverrideSelect } from '../common/model-override-select';
import { PageHeader } from '../common/page-header';
import { useStoredModel } from '../common/use-stored-model';
import { ChatTurn } from './chat-turn';

/** One exchange shown on the page: the question, and the answer with what served it. */
export interface ChatExchange {
  id: number;
  question: string;
  answer: string;
  served: TaskStreamDone | undefined;
}

/** Chat with a chosen model (or the chat task's own), answers streamed in as they are written. */
export function ChatPage() {
  const inputId = useId();
  const [model, setModel] = useStoredModel('chat');
  const [draft, setDraft] = useState('');
  const [exchanges, setExchanges] = useState<ChatExchange[]>([]);
  const [pending, setPending] = useState<string | undefined>(undefined);
  const stream = useChatCompletionStream();

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const question = draft.trim();
    if (!question || stream.isStreaming) return;
    const history: ChatMessage[] = exchanges.flatMap((exchange) => [
      { role: 'user' as const, content: exchange.question },
      { role: 'assistant' as const, content: exchange.answer },
    ]);
    setDraft('');
    setPending(question);
    const done = await stream.send({
      messages: [...history, { role: 'user', content: question }],
      ...(model ? { model } : {}),
    });
    setPending(undefined);
    if (done) {
      setExchanges((list) => [...list, { id: list.length + 1, question, answer: done.text, served: done }]);
      stream.reset();
    } else {
      // Failed or stopped: give the question back to edit or resend.
      setDraft(question);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) void send(event);
  };

  return (
    <>
      <PageHeader
        title="Chat"
        description="Talk to any chat model through the gateway. The answer streams in; the model and the cost show with it."
        actions={
          exchanges.length > 0 && (
            <button
              type="button"
              className="button"
              onClick={() => setExchanges([])}
              disabled={stream.isStreaming}
            >
              New conversation
            </button>
          )
        }
      />
      <div className="chat-layout">
        <div className="card chat-controls">
          <ModelOverrideSelect
            capability="chat"
            task="chat"
            label="Model"
            value={model}
            onChange={setModel}
          />
        </div>

        <section className="card chat-log" aria-label="Conversation">
          {exchanges.length === 0 && pending === undefined && (
            <p className="muted empty">Ask anything to start. Shift+Enter makes a new line.</p>
          )}
          <ol className="turns">
            {exchanges.map((exchange) => (
              <ChatTurn
                key={exchange.id}
                question={exchange.question}
                answer={exchange.answer}
                served={exchange.served}
              />
            ))}
            {pending !== undefined && (
              <ChatTurn
                question={pending}
                answer={stream.text}
                served={undefined}
                streaming={stream.isStreaming}
              />
            )}
          </ol>
          {stream.error && <ErrorNotice title="No answer" error={stream.error} />}
        </section>

        <form className="card chat-form" onSubmit={send}>
          <label className="field-label" htmlFor={inputId}>
            Message
          </label>
          <textarea
            id={inputId}
            className="textarea"
            rows={3}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder="Ask a question…"
          />
          <div className="form-actions">
            {stream.isStreaming ? (
              <button type="button" className="button" onClick={stream.stop}>
                Stop
              </button>
            ) : (
              <button type="submit" className="button button-primary" disabled={draft.trim() === ''}>
                Send
              </button>
            )}
          </div>
        </form>
      </div>
    </>
  );
}
