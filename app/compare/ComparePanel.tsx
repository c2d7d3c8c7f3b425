// One flow under two or three kube-proxy modes at once: the outcome, the rules (or set and map lookups)
// its first packet needed at each hook, and where the modes part ways. The engine re-loads the scenario
// with only `mode:` changed for each; the chart below puts the same count against cluster size.
import { useEffect, type ReactNode } from 'react';
import type { ProxyMode } from '../../engine';
import type { ModeOutcome } from '../../engine/protocol';
import { useApp, useSession } from '../app-context';
import {
  selectComparedModes,
  selectComparing,
  selectComparison,
  selectTrace,
  selectUnchangeableMode,
} from '../store/selectors';
import { patchCompare } from '../store/store';
import { differences, hookRows, requestHops, type HookCount } from './mode-diff';
import { COMPARABLE_MODES, MAX_SIDE_BY_SIDE, modeDeprecation, modeLabel, modeNote } from './modes';
import { ScalingChart } from './ScalingChart';

function count(c: HookCount | null): string {
  if (!c) return '–';
  return c.lookups ? `${c.rules} (${c.lookups} lookup${c.lookups === 1 ? '' : 's'})` : String(c.rules);
}

function Row({ label, cells }: { label: string; cells: readonly ReactNode[] }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {cells.map((c, i) => (
        <td key={i}>{c}</td>
      ))}
    </tr>
  );
}

function traced<T>(o: ModeOutcome, f: (o: Extract<ModeOutcome, { kind: 'traced' }>) => T): T | string {
  return o.kind === 'traced' ? f(o) : '–';
}

function SideBySide({ outcomes }: { outcomes: readonly ModeOutcome[] }) {
  const rows = hookRows(outcomes);
  return (
    <>
      <table aria-label="Modes side by side" className="modes-table">
        <thead>
          <tr>
            <td />
            {outcomes.map((o) => (
              <th key={o.mode} scope="col">
                {modeLabel(o.mode)}
                <span className="mode-note">{modeNote(o.mode)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <Row
            label="outcome"
            cells={outcomes.map((o) =>
              o.kind === 'traced' ? (
                <span className={`verdict-${o.verdict}`}>
                  {o.verdict}
                  {o.reason ? `: ${o.reason}` : ''}
                </span>
              ) : (
                <span className="mode-error">{o.error}</span>
              ),
            )}
          />
          <Row
            label="delivered to"
            cells={outcomes.map((o) => traced(o, (t) => t.deliveredTo?.pod ?? t.deliveredTo?.netns ?? '–'))}
          />
          <Row
            label="first packet: rules"
            cells={outcomes.map((o) => traced(o, (t) => t.firstPacketRules))}
          />
          <Row
            label="first packet: lookups"
            cells={outcomes.map((o) => traced(o, (t) => t.firstPacketLookups))}
          />
          <Row
            label="rules, whole exchange"
            cells={outcomes.map((o) => traced(o, (t) => t.rulesEvaluated))}
          />
          <Row label="hops, request" cells={outcomes.map((o) => traced(o, requestHops))} />
          <Row label="hops, whole exchange" cells={outcomes.map((o) => traced(o, (t) => t.hops.length))} />
          <Row label="seed" cells={outcomes.map((o) => traced(o, (t) => t.seed))} />
        </tbody>
      </table>
      <table aria-label="First packet rules per hook" className="modes-table hooks">
        <caption>Rules walked by the first packet at each hook (differences highlighted)</caption>
        <thead>
          <tr>
            <th scope="col">hook</th>
            {outcomes.map((o) => (
              <th key={o.mode} scope="col">
                {modeLabel(o.mode)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.differs ? 'differs' : undefined}>
              <th scope="row">
                {r.key}
                {r.differs && <span className="visually-hidden"> (differs)</span>}
              </th>
              {r.counts.map((c, i) => (
                <td key={i}>{count(c)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ComparePanel() {
  const session = useSession();
  const trace = useApp(selectTrace);
  const modes = useApp(selectComparedModes);
  const outcomes = useApp(selectComparison);
  const unchangeable = useApp(selectUnchangeableMode);
  const loading = useApp(selectComparing);
  // Asked for while the tab is open: each new trace (a new flow, seed or scenario) is compared again.
  useEffect(() => {
    if (trace) void session.compareModes();
  }, [session, trace, modes]);
  const toggle = (mode: ProxyMode, on: boolean) => {
    const next = COMPARABLE_MODES.filter((m) => (m === mode ? on : modes.includes(m)));
    patchCompare(session.store, { modes: next, outcomes: null, own: null });
  };
  const diffs = outcomes ? differences(outcomes) : [];
  return (
    <div className="compare-panel">
      <fieldset className="mode-picker">
        <legend>Compare kube-proxy modes (two or three)</legend>
        {COMPARABLE_MODES.map((m) => {
          const on = modes.includes(m);
          return (
            <label key={m}>
              <input
                type="checkbox"
                checked={on}
                disabled={on ? modes.length <= 2 : modes.length >= MAX_SIDE_BY_SIDE}
                onChange={(e) => toggle(m, e.target.checked)}
              />{' '}
              {modeLabel(m)}
            </label>
          );
        })}
      </fieldset>
      {modes.map((m) => {
        const deprecation = modeDeprecation(m);
        return (
          deprecation && (
            <p key={m} className="deprecated">
              {deprecation}.
            </p>
          )
        );
      })}
      <div aria-live="polite" aria-busy={loading}>
        {loading && !outcomes && <p>Tracing the flow in each mode…</p>}
        {unchangeable && (
          <p className="mode-unchangeable" role="note">
            {unchangeable}
          </p>
        )}
        {outcomes && !unchangeable && (
          <>
            <p className="muted">
              Every mode is traced to the endpoint this scenario&apos;s own mode picked (the seed row shows
              the seed that makes each mode pick it), so the counts differ only by what the mode does.
            </p>
            <ul className="mode-diffs" aria-label="Where the modes differ">
              {diffs.length ? diffs.map((d) => <li key={d}>{d}</li>) : <li>The modes agree on this flow.</li>}
            </ul>
            <SideBySide outcomes={outcomes} />
          </>
        )}
      </div>
      <ScalingChart />
    </div>
  );
}
