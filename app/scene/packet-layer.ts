// The animated packet, drawn outside React (Excalidraw's static/interactive split): a store subscription
// wakes a requestAnimationFrame loop that moves one SVG group between hop anchors with d3's
// interpolation, and sleeps again when the motion is done. Under reduced motion it jumps.
import { easeCubicInOut, interpolate, select, type Selection } from 'd3';
import { BASE_HOP_MS } from '../machines/playback';
import { selectPlayedHops } from '../store/selectors';
import type { PodpathState } from '../store/state';
import type { PodpathStore } from '../store/store';
import type { HopPlace } from './anchor';
import type { Point } from './layout';
import { packetLook } from './packet-view';

export interface PacketLayer {
  /** New places (a new trace or a new layout): redraw at once. */
  setPlaces(places: readonly HopPlace[] | null): void;
  destroy(): void;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

function build(root: SVGGElement) {
  const g: G = select(root);
  g.selectAll('*').remove();
  const trail = g.append('polyline').attr('class', 'packet-trail');
  const ring = g.append('circle').attr('class', 'hop-ring').attr('r', 22);
  const packet = g.append('g').attr('class', 'packet').attr('data-testid', 'packet');
  const envelope = packet.append('rect').attr('class', 'envelope').attr('rx', 10);
  const envelopeText = packet.append('text').attr('class', 'envelope-label').attr('text-anchor', 'middle');
  const body = packet.append('rect').attr('class', 'packet-body').attr('rx', 7).attr('height', 22);
  const label = packet
    .append('text')
    .attr('class', 'packet-label')
    .attr('text-anchor', 'middle')
    .attr('dy', 4);
  const nat = packet.append('text').attr('class', 'nat-label').attr('text-anchor', 'middle').attr('y', -38);
  const natKind = nat.append('tspan').attr('class', 'nat-kind');
  const natFrom = nat.append('tspan').attr('class', 'nat-from');
  const natTo = nat.append('tspan').attr('class', 'nat-to');
  const mark = packet
    .append('text')
    .attr('class', 'verdict-mark')
    .attr('text-anchor', 'middle')
    .attr('y', 44);
  return { trail, ring, packet, envelope, envelopeText, body, label, nat, natKind, natFrom, natTo, mark };
}

/** The point a fraction `t` of the way along a polyline, by length (d3's interpolate within a leg). */
function along(route: readonly Point[], t: number): Point {
  const legs = route.slice(1).map((p, i) => Math.hypot(p.x - route[i]!.x, p.y - route[i]!.y));
  const total = legs.reduce((a, b) => a + b, 0);
  if (total === 0) return route[route.length - 1]!;
  let left = t * total;
  for (const [i, len] of legs.entries()) {
    if (left <= len || i === legs.length - 1)
      return interpolate(route[i]!, route[i + 1]!)(len === 0 ? 1 : Math.min(1, left / len));
    left -= len;
  }
  return route[route.length - 1]!;
}

export function createPacketLayer(
  root: SVGGElement,
  store: PodpathStore,
  reducedMotion: () => boolean,
): PacketLayer {
  const els = build(root);
  let places: readonly HopPlace[] | null = null;
  let drawn: Point | null = null;
  /** The polyline the packet is travelling this hop: where it was, the corners, where it goes. */
  let route: Point[] = [];
  let frame = 0;
  let shownHop = -1;

  const draw = (s: PodpathState, now: number): boolean => {
    const hop = selectPlayedHops(s)[s.view.hop];
    const to = places?.[s.view.hop]?.at;
    if (!hop || !to || !places) {
      els.packet.attr('display', 'none');
      els.ring.attr('display', 'none');
      els.trail.attr('points', '');
      return false;
    }
    if (shownHop !== s.view.hop) {
      // One hop forward follows the cable's corners; one back retraces them; a jump goes straight.
      const corners =
        s.view.hop === shownHop + 1
          ? places[s.view.hop]!.via
          : s.view.hop === shownHop - 1
            ? [...places[shownHop]!.via].reverse()
            : [];
      route = [drawn ?? to, ...corners, to];
      shownHop = s.view.hop;
    }
    const duration = reducedMotion() ? 0 : (0.85 * BASE_HOP_MS) / s.view.speed;
    const t = duration === 0 ? 1 : Math.max(0, Math.min(1, (now - s.view.movedAt) / duration));
    const at = along(route, easeCubicInOut(t));
    drawn = at;

    const look = packetLook(hop);
    els.packet
      .attr('display', null)
      .attr('transform', `translate(${at.x},${at.y})`)
      .attr('class', `packet tone-${look.tone}${hop.phase.kind === 'dns' ? ' phase-dns' : ''}`);
    els.ring
      .attr('display', null)
      .attr('cx', to.x)
      .attr('cy', to.y)
      .attr('class', `hop-ring tone-${look.tone}`);
    els.trail.attr(
      'points',
      places
        .slice(0, s.view.hop + 1)
        .flatMap((p, i) => (i === 0 ? [p.at] : [...p.via, p.at]))
        .map((p) => `${p.x},${p.y}`)
        .join(' '),
    );
    // Until the packet arrives the NAT badge shows only the old address; on arrival, the new one.
    const rewritten = t >= 0.5;
    // A DNS exchange before the connection says which question it carries.
    const inner = hop.phase.kind === 'dns' ? `DNS ${hop.phase.type} ${look.inner}` : look.inner;
    els.label.text(inner);
    const width = Math.max(120, inner.length * 6.6 + 16);
    els.body
      .attr('x', -width / 2)
      .attr('y', -11)
      .attr('width', width);
    els.envelope
      .attr('display', look.envelope ? null : 'none')
      .attr('x', -width / 2 - 12)
      .attr('y', -30)
      .attr('width', width + 24)
      .attr('height', 52);
    els.envelopeText
      .attr('display', look.envelope ? null : 'none')
      .attr('y', -16)
      .text(look.envelope ?? '');
    els.nat.attr('display', look.nat ? null : 'none').attr('y', look.envelope ? -40 : -22);
    if (look.nat) {
      els.natKind.text(`${look.nat.kind} `);
      els.natFrom.text(look.nat.from).attr('class', rewritten ? 'nat-from struck' : 'nat-from');
      els.natTo.text(rewritten ? ` → ${look.nat.to}` : '');
    }
    els.mark.text(look.verdict ?? '');
    return t < 1;
  };

  const tick = (now: number): void => {
    frame = 0;
    if (draw(store.getState(), now)) frame = requestAnimationFrame(tick);
  };
  const wake = (): void => {
    if (!frame) frame = requestAnimationFrame(tick);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.view.hop !== prev.view.hop ||
      s.view.movedAt !== prev.view.movedAt ||
      s.trace.trace !== prev.trace.trace ||
      s.view.speed !== prev.view.speed
    )
      wake();
  });

  return {
    setPlaces(next) {
      places = next;
      drawn = null;
      shownHop = -1;
      wake();
    },
    destroy() {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    },
  };
}
