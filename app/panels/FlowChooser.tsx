// Choose where the packet starts and where it goes, then send it. The destination is one of the
// scenario's Services, NodePorts and pods, or a typed name or address (`web:80`, `web.default`,
// `http://web.default.svc.cluster.local/`), which the engine resolves the way the pod's resolver would.
// The choice is a draft (flow-draft.ts) committed on Send, not on every change, so the trace on screen
// always matches the form; a newly applied flow (a lesson, a scenario load) replaces the draft.
import { useEffect, useId, useState, type FormEvent } from 'react';
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

/** The To list's last entry: type a destination instead of picking one. */
const TYPED = 'typed';
/** The destination field grows with what is typed up to this many characters, then scrolls. */
const TYPED_MAX_CHARS = 64;

function Options({ options, current }: { options: FlowOption[]; current: string | null }) {
  const groups = [...new Set(options.map((o) => o.group))];
  const known = current === null || options.some((o) => o.value === current);
  return (
    <>
      {!known && <option value={current}>{current}</option>}
      {groups.map((g) => (
        <optgroup key={g} label={g}>
          {options
            .filter((o) => o.group === g)
            .map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

export function FlowChooser() {
  const session = useSession();
  const summary = useApp(selectSummary);
  const flow = useApp(selectFlow);
  const seed = useApp(selectSeed);
  const listId = useId();
  const destinations = summary ? destinationOptions(summary) : [];
  const isListed = (to: string) => destinations.some((o) => o.value === to);
  const [seedText, setSeedText] = useState(String(seed));
  const listed = summary === null || isListed(flow.to);
  // A destination that is not in the list (typed earlier, or from a share link) opens in the name field.
  const [{ from, to, typing, typed, protocol }, edit] = useFlowDraft(flow, listed);
  useEffect(() => setSeedText(String(seed)), [seed]);
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
      <label>
        From
        <select value={from} onChange={(e) => edit({ from: e.target.value })}>
          <Options options={summary ? sourceOptions(summary) : []} current={from} />
        </select>
      </label>
      <label>
        To
        <select
          value={typing ? TYPED : to}
          onChange={(e) => {
            const value = e.target.value;
            if (value === TYPED) return edit({ typing: true });
            // A Service port is one protocol: the Protocol field follows the port chosen.
            const chosen = destinations.find((o) => o.value === value)?.protocol;
            edit({ typing: false, to: value, ...(chosen && { protocol: chosen }) });
          }}
        >
          <Options options={destinations} current={typing ? null : to} />
          <option value={TYPED}>A name or address…</option>
        </select>
      </label>
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
            {(summary ? nameSuggestions(summary) : []).map((n) => (
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
