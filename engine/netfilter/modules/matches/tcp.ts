// -m tcp / -m udp / -m sctp with --sport and --dport (xt_tcpudp, xt_sctp): the packet's protocol and its
// ports, each range negatable. The three share one parser, as their libxt_* files share the port syntax.
import type { Match, MatchExtension, OptionWords } from '../extension';
import type { DrawRecord, MatchContext } from '../match-context';
import { type PortRange, parsePortRange, valueOf } from '../words';

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export class PortMatch implements Match {
  constructor(
    readonly module: PortProtocol,
    readonly dport: PortRange | undefined,
    readonly dportNegated: boolean,
    readonly sport: PortRange | undefined,
    readonly sportNegated: boolean,
  ) {}

  matches(ctx: MatchContext, _record: DrawRecord): boolean {
    const l4 = ctx.packet.l4;
    if (l4.proto !== this.module) return false;
    const d = this.dport;
    if (d && (l4.dport >= d.from && l4.dport <= d.to) === this.dportNegated) return false;
    const s = this.sport;
    if (s && (l4.sport >= s.from && l4.sport <= s.to) === this.sportNegated) return false;
    return true;
  }

  save(): string {
    return ` -m ${this.module}${portOption('--sport', this.sport, this.sportNegated)}${portOption('--dport', this.dport, this.dportNegated)}`;
  }
}

function portOption(flag: string, r: PortRange | undefined, negated: boolean): string {
  // libxt_tcp leaves out a full 0:65535 range.
  if (!r || (r.from === 0 && r.to === 65535 && !negated)) return '';
  const text = r.from === r.to ? String(r.from) : `${r.from}:${r.to}`;
  return `${negated ? ' !' : ''} ${flag} ${text}`;
}

export const tcp: MatchExtension<PortMatch> = {
  names: ['tcp', 'udp', 'sctp'],
  options: { '--dport': 1, '--destination-port': 1, '--sport': 1, '--source-port': 1 },
  parse(name: string, options: readonly OptionWords[]): PortMatch {
    let dport: PortRange | undefined;
    let sport: PortRange | undefined;
    let dportNegated = false;
    let sportNegated = false;
    for (const o of options) {
      if (o.flag.startsWith('--d')) {
        dport = parsePortRange(valueOf(o));
        dportNegated = o.negated;
      } else {
        sport = parsePortRange(valueOf(o));
        sportNegated = o.negated;
      }
    }
    return new PortMatch(name as PortProtocol, dport, dportNegated, sport, sportNegated);
  },
};
