// Choose where the packet starts and where it goes, then send it. The destination is one of the
// scenario's Services, NodePorts and pods, or a typed name or address (`web:80`, `web.default`,
// `http://web.default.svc.cluster.local/`), which the engine resolves the way the pod's resolver would.
// The choice is a draft (flow-draft.ts) committed on Send, not on every change, so the trace on screen
// always matches the form; a newly applied flow (a lesson, a scenario load) replaces the draft.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useApp, useSession } from '../app-context';
import { selectFlow, selectSeed, selectSummary } from '../store/selectors';
import { useFlowDraft } from './flow-draft';
import { patchTrace } from '../store/store';
import {
  destinationForProtocol,
  destinationOptions,
  nameSuggestions,
  sourceOptions,
  typedDestination,
  type FlowOption,
} from './flow-options';
import { OptionCombobox } from './OptionCombobox';
import { SHOWN_MAX } from './option-search';

/** The To list's last entry, offered whatever is typed: type a destination instead of picking one. */
const TYPED = 'typed';
const TYPED_OPTION: FlowOption = { value: TYPED, label: 'A name or address…', group: 'Or type one' };
/** The destination field grows with what is typed up to this many characters, then scrolls. */
const TYPED_MAX_CHARS = 64;

export function FlowChooser() {
  const session = useSession();
  const summary = useApp(selectSummary);
  const flow = useApp(selectFlow);
  const seed = useApp(selectSeed);
  const listId = useId();
  // Thousands of entries for a large dump: computed once per scenario, not on every keystroke.
  const sources = useMemo(() => (summary ? sourceOptions(summary) : []), [summary]);
  const destinations = useMemo(() => (summary ? destinationOptions(summary) : []), [summary]);
  const names = useMemo(() => (summary ? nameSuggestions(summary) : []), [summary]);
  const isListed = (to: string) => destinations.some((o) => o.value === to);
  const [seedText, setSeedText] = useState(String(seed));
  const listed = summary === null || isListed(flow.to);
  // A destination that is not in the list (typed earlier, or from a share link) opens in the name field.
  const [{ from, to, typing, typed, protocol }, edit] = useFlowDraft(flow, listed);
  useEffect(() => setSeedText(String(seed)), [seed]);
  // The browser filters a datalist itself but draws none of it cheaply: only names holding what is typed
  // are given, as many as the From and To lists show.
  const suggested = useMemo(() => {
    const t = typed.trim().toLowerCase();
    return names.filter((n) => n.includes(t)).slice(0, SHOWN_MAX);
  }, [names, typed]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(seedText);
    const dest = typing ? typedDestination(typed) : to;
    if (dest === null) return;
    patchTrace(session.store, {
      flow: { from, to: dest, protocol },
      seed: Number.isInteger(n) ? n : seed,
    });
  };
  return (
    <form className="flow-chooser" aria-label="Flow" onSubmit={submit}>
      <OptionCombobox label="From" options={sources} value={from} onChange={(v) => edit({ from: v })} />
      <OptionCombobox
        label="To"
        options={destinations}
        value={typing ? TYPED : to}
        trailing={TYPED_OPTION}
        onChange={(value) => {
          if (value === TYPED) return edit({ typing: true });
          // A Service port is one protocol: the Protocol field follows the port chosen.
          const chosen = destinations.find((o) => o.value === value)?.protocol;
          edit({ typing: false, to: value, ...(chosen && { protocol: chosen }) });
        }}
      />
      {typing && (
        <label>
          Destination name
          <input
            type="text"
            list={listId}
            value={typed}
            onChange={(e) => edit({ typed: e.target.value })}
            placeholder="web:80"
            spellCheck={false}
            autoCapitalize="off"
            // Wide enough for the whole name or URL typed (up to a line's worth), so nothing is cut off.
            size={Math.max(18, Math.min(TYPED_MAX_CHARS, typed.length + 2))}
            required
          />
          <datalist id={listId}>
            {suggested.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
      )}
      <label>
        Protocol
        <select
          value={protocol}
          onChange={(e) => {
            const next = e.target.value === 'UDP' ? 'UDP' : 'TCP';
            // kube-dns's `dns` is 53/UDP: asking for TCP picks its twin `dns-tcp`, so the form stays true.
            edit({ protocol: next, ...(!typing && { to: destinationForProtocol(destinations, to, next) }) });
          }}
        >
          <option>TCP</option>
          <option>UDP</option>
        </select>
      </label>
      <label>
        Seed
        <input
          type="number"
          inputMode="numeric"
          value={seedText}
          onChange={(e) => setSeedText(e.target.value)}
          size={6}
        />
      </label>
      <button type="submit">Send packet</button>
    </form>
  );
}
