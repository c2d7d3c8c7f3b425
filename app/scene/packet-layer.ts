// The animated packet, drawn outside React (Excalidraw's static/interactive split): a store subscription
// wakes a requestAnimationFrame loop that moves one SVG group between hop anchors with d3's
// interpolation, and sleeps again when the motion is done. Under reduced motion it jumps.
import { easeCubicInOut, interpolate, select, type Selection } from 'd3';
import { BASE_HOP_MS } from '../machines/playback';
import { selectPlayedHops } from '../store/selectors';
import type { PodpathState } from '../store/state';
import type { PodpathStore } from '../store/store';
import type { HopPlace } from './anchor';
import type { Box, Point, SceneLayout } from './layout';
import { calloutBox, leaderStart } from './packet-callout';
import { envelopeLines, packetLook } from './packet-view';

export interface PacketLayer {
  /** New places (a new trace or a new layout): redraw at once. */
  setPlaces(places: readonly HopPlace[] | null, layout: SceneLayout | null): void;
  /** The zoom changed: the label keeps its size on screen. */
  redraw(): void;
  destroy(): void;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

function build(root: SVGGElement) {
  const g: G = select(root);
  g.selectAll('*').remove();
  const trail = g.append('polyline').attr('class', 'packet-trail');
  const ring = g.append('circle').attr('class', 'hop-ring').attr('r', 14);
  const leader = g.append('line').attr('class', 'packet-leader');
  const marker = g.append('circle').attr('class', 'packet-marker').attr('r', 11);
  // The label: in its lane, joined to the marker by the leader (packet-callout.ts).
  const packet = g.append('g').attr('class', 'packet').attr('data-testid', 'packet');
  const envelope = packet.append('rect').attr('class', 'envelope').attr('rx', 10);
  const envelopeText = packet.append('text').attr('class', 'envelope-label').attr('text-anchor', 'middle');
  const envelopeLine1 = envelopeText.append('tspan');
  const envelopeLine2 = envelopeText.append('tspan');
  const body = packet.append('rect').attr('class', 'packet-body').attr('rx', 7);
  const label = packet.append('text').attr('class', 'packet-label').attr('text-anchor', 'middle');
  const nat = packet.append('text').attr('class', 'nat-label').attr('text-anchor', 'middle');
  const natKind = nat.append('tspan').attr('class', 'nat-kind');
  const natFrom = nat.append('tspan').attr('class', 'nat-from');
  const natTo = nat.append('tspan').attr('class', 'nat-to');
  const mark = packet.append('text').attr('class', 'verdict-mark').attr('text-anchor', 'start');
  return {
    trail,
    ring,
    leader,
    marker,
    packet,
    envelope,
    envelopeText,
    envelopeLine1,
    envelopeLine2,
    body,
    label,
    nat,
    natKind,
    natFrom,
    natTo,
    mark,
  };
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
  /** The label's font size in drawing units now (it grows as the drawing shrinks, like the device labels). */
  fontSize: () => number,
  /** The part of the drawing the stage shows now (drawing units), which the label keeps inside. */
  visible: () => Box | null = () => null,
): PacketLayer {
  const els = build(root);
  let places: readonly HopPlace[] | null = null;
  let layout: SceneLayout | null = null;
  let drawn: Point | null = null;
  /** The polyline the packet is travelling this hop: where it was, the corners, where it goes. */
  let route: Point[] = [];
  let frame = 0;
  let shownHop = -1;

  const draw = (s: PodpathState, now: number): boolean => {
    const hop = selectPlayedHops(s)[s.view.hop];
    const to = places?.[s.view.hop]?.at;
    if (!hop || !to || !places || !layout) {
      els.packet.attr('display', 'none');
      els.marker.attr('display', 'none');
      els.leader.attr('display', 'none');
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
    const tone = `tone-${look.tone}${hop.phase.kind === 'dns' ? ' phase-dns' : ''}`;
    els.marker.attr('display', null).attr('cx', at.x).attr('cy', at.y).attr('class', `packet-marker ${tone}`);
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
    const f = fontSize();
    // Monospace: a character is 0.6 em wide.
    const bodyW = inner.length * 0.6 * f + f;
    const bodyH = 1.6 * f;
    const room = visible();
    // The envelope's characters that fit the stage's width beside the padding (0.51 em each).
    const envLines = look.envelope
      ? envelopeLines(look.envelope, room ? Math.floor((room.w - 8 - 2 * f) / (0.51 * f)) : Infinity)
      : [];
    const envChars = Math.max(0, ...envLines.map((l) => l.length));
    const envW = look.envelope ? envChars * 0.6 * 0.85 * f + f : 0;
    const w = Math.max(bodyW, envW) + (look.envelope ? f : 0) + (look.verdict ? 7 * f : 0);
    // The outer header's lines, then a gap below the last one's descenders (0.8 em: the pill sat on the
    // last baseline and cut the letters), then the inner packet's pill and 0.4 em of padding.
    const envH = look.envelope ? bodyH + (0.8 + 1.1 * envLines.length) * f : 0;
    const natH = look.nat ? 1.5 * f : 0;
    const h = Math.max(bodyH, envH) + natH;
    const box = calloutBox(layout, at, to, { w, h }, room);
    const cx = box.x + (w - (look.verdict ? 7 * f : 0)) / 2;
    const bodyY = box.y + h - bodyH - (look.envelope ? 0.4 * f : 0);
    els.packet.attr('display', null).attr('class', `packet ${tone}`).attr('transform', null);
    const start = leaderStart(layout, at, box);
    els.leader
      .attr('display', null)
      .attr('x1', start.x)
      .attr('y1', start.y)
      .attr('x2', Math.max(box.x, Math.min(box.x + w, at.x)))
      .attr('y2', at.y < box.y ? box.y : box.y + h);
    els.label
      .text(inner)
      .attr('x', cx)
      .attr('y', bodyY + bodyH / 2 + 0.35 * f)
      .style('font-size', `${f}px`);
    els.body
      .attr('x', cx - bodyW / 2)
      .attr('y', bodyY)
      .attr('width', bodyW)
      .attr('height', bodyH);
    els.envelope
      .attr('display', look.envelope ? null : 'none')
      .attr('x', cx - (Math.max(bodyW, envW) + f) / 2)
      .attr('y', box.y + natH)
      .attr('width', Math.max(bodyW, envW) + f)
      .attr('height', envH);
    els.envelopeText
      .attr('display', look.envelope ? null : 'none')
      .attr('y', box.y + natH + 1.1 * f)
      .style('font-size', `${0.85 * f}px`);
    els.envelopeLine1.attr('x', cx).text(envLines[0] ?? '');
    els.envelopeLine2
      .attr('x', cx)
      .attr('dy', `${1.1 / 0.85}em`)
      .text(envLines[1] ?? '');
    els.nat
      .attr('display', look.nat ? null : 'none')
      .attr('x', cx)
      .attr('y', box.y + 1.1 * f)
      .style('font-size', `${f}px`);
    if (look.nat) {
      els.natKind.text(`${look.nat.kind} `);
      els.natFrom.text(look.nat.from).attr('class', rewritten ? 'nat-from struck' : 'nat-from');
      els.natTo.text(rewritten ? ` → ${look.nat.to}` : '');
    }
    els.mark
      .attr('x', box.x + w - 6.6 * f)
      .attr('y', bodyY + bodyH / 2 + 0.4 * f)
      .style('font-size', `${1.1 * f}px`);
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
    setPlaces(next, nextLayout) {
      places = next;
      layout = nextLayout;
      drawn = null;
      shownHop = -1;
      wake();
    },
    redraw: () => wake(),
    destroy() {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    },
  };
}
