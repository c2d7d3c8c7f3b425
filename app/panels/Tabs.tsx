// A minimal WAI-ARIA tab set (roving focus with ← → once reached by keyboard), used for the inspection
// side panel.
import { useId, useRef, useState, type ReactNode } from 'react';
import { focusCameFromPointer } from '../focus-origin';

export function Tabs({
  label,
  tabs,
  active: controlled,
  onActiveChange,
}: {
  label: string;
  tabs: readonly { id: string; title: string; content: ReactNode }[];
  /** Given, the caller owns the active tab (a lesson step opens panels); otherwise the tabs keep their own. */
  active?: string;
  onActiveChange?: (id: string) => void;
}) {
  const [own, setOwn] = useState(tabs[0]?.id ?? '');
  const active = controlled ?? own;
  const setActive = onActiveChange ?? setOwn;
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (from: number, delta: number) => {
    const next = (from + delta + tabs.length) % tabs.length;
    setActive(tabs[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-${t.id}-tab`}
            aria-controls={`${base}-${t.id}`}
            aria-selected={active === t.id}
            tabIndex={active === t.id ? 0 : -1}
            onClick={() => setActive(t.id)}
            onKeyDown={(e) => {
              // A tab clicked with the mouse leaves the arrows to the page (they step the packet).
              if (focusCameFromPointer()) return;
              if (e.key === 'ArrowRight') move(i, 1);
              else if (e.key === 'ArrowLeft') move(i, -1);
            }}
          >
            {t.title}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${base}-${t.id}`}
          aria-labelledby={`${base}-${t.id}-tab`}
          hidden={active !== t.id}
          className="tabpanel"
        >
          {active === t.id && t.content}
        </div>
      ))}
    </div>
  );
}
