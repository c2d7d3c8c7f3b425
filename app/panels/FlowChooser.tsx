// Choose where the packet starts and where it goes, then send it. The choice is committed on Send (not
// on every change), so the trace on screen always matches the form's last submitted state.
import { useEffect, useState, type FormEvent } from 'react';
import { useApp, useSession } from '../app-context';
import { selectFlow, selectSeed, selectSummary } from '../store/selectors';
import { patchTrace } from '../store/store';
import { destinationOptions, sourceOptions, type FlowOption } from './flow-options';

function Options({ options, current }: { options: FlowOption[]; current: string }) {
  const groups = [...new Set(options.map((o) => o.group))];
  const known = options.some((o) => o.value === current);
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
  const [from, setFrom] = useState(flow.from);
  const [to, setTo] = useState(flow.to);
  const [protocol, setProtocol] = useState<'TCP' | 'UDP'>(flow.protocol ?? 'TCP');
  const [seedText, setSeedText] = useState(String(seed));
  useEffect(() => {
    setFrom(flow.from);
    setTo(flow.to);
    setProtocol(flow.protocol ?? 'TCP');
  }, [flow]);
  useEffect(() => setSeedText(String(seed)), [seed]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(seedText);
    patchTrace(session.store, { flow: { from, to, protocol }, seed: Number.isInteger(n) ? n : seed });
  };
  return (
    <form className="flow-chooser" aria-label="Flow" onSubmit={submit}>
      <label>
        From
        <select value={from} onChange={(e) => setFrom(e.target.value)}>
          <Options options={summary ? sourceOptions(summary) : []} current={from} />
        </select>
      </label>
      <label>
        To
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          <Options options={summary ? destinationOptions(summary) : []} current={to} />
        </select>
      </label>
      <label>
        Protocol
        <select value={protocol} onChange={(e) => setProtocol(e.target.value === 'UDP' ? 'UDP' : 'TCP')}>
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
