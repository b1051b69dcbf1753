/** Shown while a page's data loads. */
export function LoadingNotice({ what }: { what: string }) {
  return (
    <p className="muted loading" aria-busy="true">
      Loading {what}…
    </p>
  );
}
