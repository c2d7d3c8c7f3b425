// A labelled text box with a list of options that follows what is typed: the WAI-ARIA "editable combobox
// with list autocomplete" pattern (APG, combobox pattern). Focus stays in the box; the highlighted option
// is announced through aria-activedescendant. Only the options matching the typed words are drawn, at
// most SHOWN_MAX (option-search.ts), so a cluster of thousands of pods opens without thousands of
// elements, and finding one of them is typing a few letters of its name or address.
//
// Keys: ↓/↑ open the list and move through it (Alt+↓ opens it where it is), PageDown/PageUp move by ten,
// Enter picks the highlighted option, Escape closes the list and puts back the chosen option's name.
// Leaving the box does the same; it never changes the choice by itself.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { FlowOption } from './flow-options';
import { matchOptions, searchable } from './option-search';
import './option-combobox.css';

export interface OptionComboboxProps {
  readonly label: string;
  readonly options: readonly FlowOption[];
  /** The chosen option's value; one not among the options is shown as it is. */
  readonly value: string;
  /** Offered after the matches whatever is typed (the To box's "A name or address…"). */
  readonly trailing?: FlowOption;
  readonly onChange: (value: string) => void;
}

const PAGE = 10;

/** Contiguous runs of one group, in the order shown. */
function runs(options: readonly FlowOption[]): { group: string; options: FlowOption[]; start: number }[] {
  const out: { group: string; options: FlowOption[]; start: number }[] = [];
  options.forEach((o, i) => {
    const last = out[out.length - 1];
    if (last && last.group === o.group) last.options.push(o);
    else out.push({ group: o.group, options: [o], start: i });
  });
  return out;
}

export function OptionCombobox({ label, options, value, trailing, onChange }: OptionComboboxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const noteId = `${id}-note`;
  const search = useMemo(() => searchable(options), [options]);
  /** What is typed; null while the box shows the chosen option's name. */
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const chosen = options.find((o) => o.value === value) ?? (trailing?.value === value ? trailing : null);
  const shownText = chosen ? chosen.label : value;
  const matches = useMemo(
    () => (open ? matchOptions(search, query ?? '', value) : null),
    [open, search, query, value],
  );
  const list = matches ? (trailing ? [...matches.shown, trailing] : [...matches.shown]) : [];
  const activeIndex = Math.min(active, list.length - 1);
  const optionId = (i: number) => `${id}-option-${i}`;

  useEffect(() => {
    if (!open || activeIndex < 0) return;
    document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });

  const openAt = (index: (shown: readonly FlowOption[]) => number) => {
    const shown = matchOptions(search, query ?? '', value).shown;
    const all = trailing ? [...shown, trailing] : shown;
    setActive(Math.max(0, index(all)));
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const choose = (option: FlowOption) => {
    close();
    onChange(option.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const at = (shown: readonly FlowOption[]) => shown.findIndex((o) => o.value === value);
    const move = (by: number) => {
      if (!open) return openAt((shown) => (at(shown) < 0 ? 0 : at(shown)));
      setActive(Math.max(0, Math.min(list.length - 1, activeIndex + by)));
    };
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (e.altKey) return openAt((shown) => at(shown));
        return move(1);
      case 'ArrowUp':
        e.preventDefault();
        return move(-1);
      case 'PageDown':
        if (!open) return;
        e.preventDefault();
        return move(PAGE);
      case 'PageUp':
        if (!open) return;
        e.preventDefault();
        return move(-PAGE);
      case 'Enter': {
        // Closed, Enter submits the form (Send packet) as in any text field.
        if (!open) return;
        e.preventDefault();
        const option = list[activeIndex];
        if (option) choose(option);
        return;
      }
      case 'Escape':
        if (!open && query === null) return;
        e.preventDefault();
        e.stopPropagation();
        return close();
    }
  };

  const total = matches?.total ?? 0;
  const more = matches ? total - matches.shown.length : 0;
  const note = !matches
    ? null
    : total === 0
      ? 'Nothing matches; try fewer or shorter words.'
      : more > 0
        ? `${matches.shown.length} of ${total.toLocaleString('en')} shown; type more of a name or address to narrow them.`
        : null;

  return (
    <div className="option-combobox">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-describedby={note ? noteId : undefined}
        data-value={value}
        value={query ?? shownText}
        title={query === null ? shownText : undefined}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => (open ? close() : openAt((shown) => shown.findIndex((o) => o.value === value)))}
        onBlur={close}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div className="option-popup">
          <div id={listId} role="listbox" aria-label={label} className="option-list">
            {runs(list).map((run) => (
              <div role="group" key={`${run.group}-${run.start}`} aria-label={run.group}>
                <div aria-hidden="true" className="option-group">
                  {run.group}
                </div>
                {run.options.map((o, j) => {
                  const i = run.start + j;
                  return (
                    <div
                      key={o.value}
                      id={optionId(i)}
                      role="option"
                      aria-selected={i === activeIndex}
                      data-value={o.value}
                      className={o.value === value ? 'option chosen' : 'option'}
                      // Pressing the mouse must not blur the box first (blur closes the list).
                      onMouseDown={(e) => e.preventDefault()}
                      onMouseMove={() => i !== activeIndex && setActive(i)}
                      onClick={() => choose(o)}
                    >
                      {o.label}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
          {note && (
            <p id={noteId} className="option-note">
              {note}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
