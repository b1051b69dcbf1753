/** What happened to the row's last change, read out politely by screen readers. */
export function SaveStatus({
  isPending,
  isSuccess,
  savedText,
}: {
  isPending: boolean;
  isSuccess: boolean;
  savedText: string;
}) {
  const text = isPending ? 'Saving…' : isSuccess ? savedText : '';
  return (
    <p className="save-status" role="status" aria-live="polite">
      {text}
    </p>
  );
}
