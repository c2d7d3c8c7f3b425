// A term with its one-sentence meaning in a tooltip, shown on hover and on keyboard focus and dismissed
// with Escape (WCAG 1.4.13). Terms the glossary does not know render as plain text.
import { useId, useState, type ReactNode } from 'react';
import { lookupTerm } from './terms';
import './glossary.css';

export function Term({ name, children }: { name?: string; children: ReactNode }) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  const text = name ?? (typeof children === 'string' ? children : '');
  const entry = lookupTerm(text);
  if (!entry) return <>{children}</>;
  return (
    // A new hover shows the tip again after Escape dismissed it; leaving or blurring resets it too.
    <span
      className={`term${dismissed ? ' dismissed' : ''}`}
      onMouseEnter={() => setDismissed(false)}
      onMouseLeave={() => setDismissed(false)}
    >
      <button
        type="button"
        className="term-button"
        aria-describedby={id}
        onBlur={() => setDismissed(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDismissed(true);
        }}
      >
        {children}
      </button>
      <span role="tooltip" id={id} className="term-tip">
        <strong>{entry.term}</strong>: {entry.means}
      </span>
    </span>
  );
}
