// Finding a step's hop by what it is. Selectors run over the hops in playback order (a name's DNS
// exchanges, then the connection), the same order the timeline and `#lesson/<id>/<step>` use.
import type { PlayedHop } from '../dns/played-hops';
import type { HopSelector } from './lesson';

export function hopMatches(hop: PlayedHop, s: HopSelector): boolean {
  if (s.kind && !s.kind.includes(hop.kind)) return false;
  if (s.node !== undefined && hop.node !== s.node) return false;
  if (s.netns !== undefined && hop.netns !== s.netns) return false;
  if (s.device !== undefined && hop.device !== s.device) return false;
  if (s.direction !== undefined && hop.direction !== s.direction) return false;
  if (s.phase !== undefined && hop.phase.kind !== s.phase) return false;
  if (s.dnsName !== undefined && (hop.phase.kind !== 'dns' || hop.phase.name !== s.dnsName)) return false;
  if (s.changed !== undefined && !hop.changed.includes(s.changed)) return false;
  if (s.nat !== undefined && hop.nat?.kind !== s.nat) return false;
  if (s.outer !== undefined && (hop.packet.outer !== null) !== s.outer) return false;
  if (s.rules !== undefined && hop.rulesEvaluated > 0 !== s.rules) return false;
  return true;
}

/** The index of the selected hop in playback order, or -1 when no hop matches. */
export function selectHop(hops: readonly PlayedHop[], s: HopSelector): number {
  if (s.last) {
    for (let i = hops.length - 1; i >= 0; i--) if (hopMatches(hops[i]!, s)) return i;
    return -1;
  }
  return hops.findIndex((h) => hopMatches(h, s));
}

/** How a selector reads in words, for the editor and for error messages. */
export function describeSelector(s: HopSelector): string {
  const parts: string[] = [];
  if (s.kind) parts.push(`kind ${s.kind.join(' or ')}`);
  if (s.device) parts.push(`at ${s.device}`);
  if (s.node) parts.push(`on ${s.node}`);
  if (s.netns) parts.push(`in ${s.netns}`);
  if (s.direction) parts.push(`(${s.direction})`);
  if (s.phase) parts.push(`in the ${s.phase} phase`);
  if (s.dnsName) parts.push(`asking ${s.dnsName}`);
  if (s.changed) parts.push(`changing ${s.changed}`);
  if (s.nat) parts.push(`applying ${s.nat}`);
  if (s.outer !== undefined) parts.push(s.outer ? 'encapsulated' : 'not encapsulated');
  if (s.rules !== undefined) parts.push(s.rules ? 'walking rules' : 'walking no rules');
  return `the ${s.last ? 'last' : 'first'} hop ${parts.join(' ')}`.trim();
}
