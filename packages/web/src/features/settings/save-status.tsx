/** What happened to the card's last change, read out politely by screen readers. */
export function SaveStatus({
  isPending,
  isSuccess,
  savedText,
  pendingProvider,
}: {
  isPending: boolean;
  isSuccess: boolean;
  savedText: string;
  pendingProvider: string | undefined;
}) {
  let text = '';
  if (pendingProvider !== undefined) text = `Choose a ${pendingProvider} model to save.`;
  else if (isPending) text = 'Saving…';
  else if (isSuccess) text = savedText;
  return (
    <p className="save-status" role="status" aria-live="polite">
      {text}
    </p>
  );
}
