// Rules evaluated by the first packet to the last Service kube-proxy writes, against the number of
// Services (log–log), one line per mode, measured by the engine on generated two-node clusters; the user's
// own scenario is marked with the same measure. iptables grows with every Service in KUBE-SERVICES;
// nftables looks the destination up in a verdict map and stays flat. D3 computes the scales and paths;
// React draws them. The same numbers are in the table under the chart.
import { line, scaleLog } from 'd3';
import { useEffect } from 'react';
import type { ProxyMode } from '../../engine';
import type { ScalingPoint } from '../../engine/protocol';
import { useApp, useSession } from '../app-context';
import { selectComparedModes, selectOwnScaling, selectScaling } from '../store/selectors';
import { modeLabel, modeNote } from './modes';

/** Cluster sizes on the chart; each point is a cluster the engine builds and traces (10,000 takes seconds). */
export const SCALING_SIZES: readonly number[] = [10, 100, 1000, 3000, 10_000];

const W = 440;
const H = 250;
const M = { top: 12, right: 28, bottom: 40, left: 56 };

const fmt = (n: number) => n.toLocaleString('en-US');

function pointText(p: ScalingPoint | undefined): string {
  if (!p) return '…';
  if (p.error) return `error: ${p.error.split('\n')[0]}`;
  const base = p.firstPacketLookups
    ? `${fmt(p.firstPacketRules)} (${p.firstPacketLookups} lookup${p.firstPacketLookups === 1 ? '' : 's'})`
    : fmt(p.firstPacketRules);
  return p.verdict === 'delivered' ? base : `${base}, ${p.verdict ?? 'not traced'}`;
}

export function ScalingChart() {
  const session = useSession();
  const modes = useApp(selectComparedModes);
  const points = useApp(selectScaling);
  const own = useApp(selectOwnScaling);
  useEffect(() => {
    void session.measureScaling(SCALING_SIZES, modes);
  }, [session, modes]);

  const find = (mode: ProxyMode, n: number) => points.find((p) => p.mode === mode && p.services === n);
  const measured = modes
    .flatMap((m) => SCALING_SIZES.map((n) => find(m, n)))
    .filter((p): p is ScalingPoint => p !== undefined);
  const total = modes.length * SCALING_SIZES.length;
  const plotted = (p: ScalingPoint) => p.error === null && p.firstPacketRules > 0 && p.services > 0;
  const mine = (own ?? []).filter((p) => modes.includes(p.mode) && plotted(p));
  const all = [...measured.filter(plotted), ...mine];
  const x = scaleLog()
    .domain([Math.min(10, ...mine.map((p) => p.services)), 10_000])
    .range([M.left, W - M.right]);
  const y = scaleLog()
    .domain([
      Math.min(10, ...all.map((p) => p.firstPacketRules)),
      Math.max(100, ...all.map((p) => p.firstPacketRules)),
    ])
    .nice()
    .range([H - M.bottom, M.top]);
  const path = line<ScalingPoint>()
    .x((p) => x(p.services))
    .y((p) => y(p.firstPacketRules));
  const xTicks = x.ticks().filter((t) => Number.isInteger(Math.log10(t)));
  const yTicks = y.ticks().filter((t) => Number.isInteger(Math.log10(t)));

  return (
    <section className="scaling" aria-label="Rules per first packet against Services">
      <h3>Rules evaluated per first packet, by number of Services</h3>
      {measured.length < total && (
        <p>
          <label>
            Measuring clusters{' '}
            <progress max={total} value={measured.length}>
              {measured.length} of {total}
            </progress>
          </label>{' '}
          {measured.length} of {total}
        </p>
      )}
      <svg
        width={W}
        height={H}
        role="img"
        aria-label="Log–log chart of rules evaluated by the first packet against the number of Services, one line per kube-proxy mode; the table below holds the same numbers"
        className="scaling-chart"
      >
        <g className="axis">
          {xTicks.map((t) => (
            <g key={t} transform={`translate(${x(t)},0)`}>
              <line y1={M.top} y2={H - M.bottom} className="grid" />
              <text y={H - M.bottom + 16} textAnchor="middle">
                {fmt(t)}
              </text>
            </g>
          ))}
          {yTicks.map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`}>
              <line x1={M.left} x2={W - M.right} className="grid" />
              <text x={M.left - 6} dy="0.32em" textAnchor="end">
                {fmt(t)}
              </text>
            </g>
          ))}
          <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
            Services (log)
          </text>
          <text transform={`translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">
            rules, first packet (log)
          </text>
        </g>
        {modes.map((m) => {
          const series = SCALING_SIZES.map((n) => find(m, n)).filter(
            (p): p is ScalingPoint => p !== undefined && plotted(p),
          );
          return (
            <g key={m} className={`series mode-${m}`}>
              <path d={path(series) ?? ''} className="series-line" />
              {series.map((p) => (
                <circle
                  key={p.services}
                  cx={x(p.services)}
                  cy={y(p.firstPacketRules)}
                  r={3.5}
                  className={p.verdict === 'delivered' ? 'point' : 'point failed'}
                >
                  <title>{`${modeLabel(m)}, ${fmt(p.services)} Services: ${pointText(p)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        {mine.map((p) => (
          <g
            key={p.mode}
            className={`own mode-${p.mode}`}
            transform={`translate(${x(p.services)},${y(p.firstPacketRules)})`}
          >
            <path d="M0,-7L7,0L0,7L-7,0Z" className="own-mark" />
            <title>{`Your scenario in ${modeLabel(p.mode)}: ${fmt(p.services)} Services, ${pointText(p)}`}</title>
          </g>
        ))}
      </svg>
      <ul className="legend" aria-label="Legend">
        {modes.map((m) => (
          <li key={m} className={`mode-${m}`}>
            <span className="swatch" aria-hidden="true" /> {modeLabel(m)} — {modeNote(m)}
          </li>
        ))}
        <li className="own">
          <span className="own-swatch" aria-hidden="true">
            ◆
          </span>{' '}
          your scenario
        </li>
      </ul>
      <table aria-label="Rules per first packet by Service count">
        <thead>
          <tr>
            <th scope="col">Services</th>
            {modes.map((m) => (
              <th key={m} scope="col">
                {modeLabel(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SCALING_SIZES.map((n) => (
            <tr key={n}>
              <th scope="row">{fmt(n)}</th>
              {modes.map((m) => (
                <td key={m}>{pointText(find(m, n))}</td>
              ))}
            </tr>
          ))}
          {own && (
            <tr className="own-row">
              <th scope="row">
                your scenario ({fmt(own[0]?.services ?? 0)} Service{own[0]?.services === 1 ? '' : 's'}, this
                flow)
              </th>
              {modes.map((m) => {
                const p = own.find((o) => o.mode === m);
                return (
                  <td
                    key={m}
                    title={p?.target ? `this flow, to ${p.target}, as in the table above` : undefined}
                  >
                    {pointText(p)}
                  </td>
                );
              })}
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
