import { useCallback, useState } from 'react';

/**
 * The width of an element in CSS pixels, kept current with a ResizeObserver, so a chart can draw at its real
 * size (text stays legible at 390 px instead of being scaled down with the picture).
 */
export function useElementWidth(fallback: number): [(element: Element | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const ref = useCallback(
    (element: Element | null) => {
      if (!element) return;
      const observer = new ResizeObserver(([entry]) => {
        if (entry) setWidth(Math.round(entry.contentRect.width));
      });
      observer.observe(element);
      setWidth(Math.round(element.getBoundingClientRect().width) || fallback);
      return () => observer.disconnect();
    },
    [fallback],
  );
  return [ref, width];
}
