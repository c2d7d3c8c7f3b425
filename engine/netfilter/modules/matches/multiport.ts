// -m multiport --dports A,B,... (xt_multiport): the destination port is one of a list.
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import type { DrawRecord, MatchContext } from '../match-context';
import { parsePortRange, valueOf } from '../words';

export class MultiportMatch implements Match {
  readonly module = 'multiport';
  constructor(readonly dports: readonly number[]) {}
  matches(ctx: MatchContext, _record: DrawRecord): boolean {
    return this.dports.includes(ctx.packet.l4.dport);
  }
  save(): string {
    return ` -m multiport --dports ${this.dports.join(',')}`;
  }
}

export const multiport: MatchExtension<MultiportMatch> = {
  names: ['multiport'],
  options: { '--dports': 1, '--destination-ports': 1 },
  parse(_name: string, options: readonly OptionWords[]): MultiportMatch {
    const last = options.at(-1);
    if (!last) throw new RuleParseError('-m multiport without --dports');
    return new MultiportMatch(
      valueOf(last)
        .split(',')
        .map((p) => parsePortRange(p).from),
    );
  },
};
