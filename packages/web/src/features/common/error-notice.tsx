/** An error for people: the server's own message, with the request ID to quote when there is one. */
export function ErrorNotice({ title, error }: { title?: string; error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = (error as { requestId?: unknown } | null)?.requestId;
  return (
    <div className="notice notice-error" role="alert">
      {title && <strong className="notice-title">{title}</strong>}
      <span>{message}</span>
      {typeof requestId === 'string' && <span className="notice-meta">Request ID {requestId}</span>}
    </div>
  );
}
