import { useCallback, useState } from 'react';

const KEY_PREFIX = 'switchboard.model.';

function read(capability: string): string {
  try {
    return localStorage.getItem(`${KEY_PREFIX}${capability}`) ?? '';
  } catch {
    return '';
  }
}

/**
 * The model chosen for a capability on the chat and SQL pages, kept in this browser (`switchboard.model.<capability>`).
 * `''` means no override: the task's own resolution.
 */
export function useStoredModel(capability: string): [string, (model: string) => void] {
  const [model, setModel] = useState(() => read(capability));
  const store = useCallback(
    (next: string) => {
      setModel(next);
      try {
        if (next) localStorage.setItem(`${KEY_PREFIX}${capability}`, next);
        else localStorage.removeItem(`${KEY_PREFIX}${capability}`);
      } catch {
        // Storage blocked: the choice lasts for this page only.
      }
    },
    [capability],
  );
  return [model, store];
}
