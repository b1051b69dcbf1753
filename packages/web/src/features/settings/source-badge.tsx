import type { PreferenceEntry } from '@switchboard/client';

const LABELS: Record<PreferenceEntry['source'], { text: string; tone: string; title: string }> = {
  preference: { text: 'Your choice', tone: 'badge-accent', title: 'You chose this model for the task.' },
  runtime_default: {
    text: 'Default (runtime)',
    tone: 'badge-neutral',
    title: 'The default an admin set at runtime.',
  },
  config_default: {
    text: 'Default (config)',
    tone: 'badge-neutral',
    title: "The default from the server's config.",
  },
  none: { text: 'No model', tone: 'badge-warning', title: 'No default is configured and you chose none.' },
};

/** Whether the task uses the user's choice or a default. */
export function SourceBadge({ source }: { source: PreferenceEntry['source'] }) {
  const label = LABELS[source];
  return (
    <span className={`badge ${label.tone}`} title={label.title}>
      {label.text}
    </span>
  );
}
