// -m conntrack [!] --ctstate S1,S2 (xt_conntrack): the packet's conntrack state, or the DNAT/SNAT status
// bits that --ctstate also accepts.
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import type { CtState, DrawRecord, MatchContext } from '../match-context';
import { valueOf } from '../words';

/** libxt_conntrack prints states in bit order, whatever order they were given in. */
const CT_STATE_ORDER: readonly CtState[] = [
  'INVALID',
  'NEW',
  'RELATED',
  'ESTABLISHED',
  'UNTRACKED',
  'SNAT',
  'DNAT',
];

export class ConntrackMatch implements Match {
  readonly module = 'conntrack';
  constructor(
    readonly ctstate: readonly CtState[],
    readonly negated: boolean,
  ) {}

  matches(ctx: MatchContext, _record: DrawRecord): boolean {
    // DNAT in --ctstate is the "this flow was destination-NATed" status bit, not a state.
    const hit = this.ctstate.some((s) => s === ctx.ctState || (s === 'DNAT' && ctx.ctDnat));
    return hit !== this.negated;
  }

  save(): string {
    const states = CT_STATE_ORDER.filter((st) => this.ctstate.includes(st)).join(',');
    return ` -m conntrack${this.negated ? ' !' : ''} --ctstate ${states}`;
  }
}

export const conntrack: MatchExtension<ConntrackMatch> = {
  names: ['conntrack'],
  options: { '--ctstate': 1 },
  parse(_name: string, options: readonly OptionWords[]): ConntrackMatch {
    const last = options.at(-1);
    if (!last) throw new RuleParseError('-m conntrack without --ctstate');
    return new ConntrackMatch(valueOf(last).split(',') as CtState[], last.negated);
  },
};
