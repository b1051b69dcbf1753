import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './use-pathname';

/** A link that changes page without a reload; new-tab clicks (Ctrl, Cmd, middle button) still work. */
export function NavLink({
  href,
  current,
  children,
}: {
  href: string;
  current: boolean;
  children: ReactNode;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
    window.scrollTo(0, 0);
  };
  return (
    <a className="nav-link" href={href} aria-current={current ? 'page' : undefined} onClick={onClick}>
      {children}
    </a>
  );
}
