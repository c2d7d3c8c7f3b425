// -m mark [!] --mark VALUE[/MASK] (xt_mark): the packet's fwmark under a mask; kube-proxy and flannel
// mark packets to masquerade with 0x4000/0x4000.
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import type { DrawRecord, MatchContext } from '../match-context';
import { hex, parseMarkValue, valueOf } from '../words';

export class MarkMatch implements Match {
  readonly module = 'mark';
  constructor(
    readonly value: number,
    readonly mask: number,
    readonly negated: boolean,
  ) {}

  matches(ctx: MatchContext, _record: DrawRecord): boolean {
    return ((ctx.packet.mark & this.mask) >>> 0 === (this.value & this.mask) >>> 0) !== this.negated;
  }

  save(): string {
    const value = this.mask === 0xffffffff ? hex(this.value) : `${hex(this.value)}/${hex(this.mask)}`;
    return ` -m mark${this.negated ? ' !' : ''} --mark ${value}`;
  }
}

export const mark: MatchExtension<MarkMatch> = {
  names: ['mark'],
  options: { '--mark': 1 },
  parse(_name: string, options: readonly OptionWords[]): MarkMatch {
    const last = options.at(-1);
    if (!last) throw new RuleParseError('-m mark without --mark');
    const { value, mask } = parseMarkValue(valueOf(last));
    return new MarkMatch(value, mask, last.negated);
  },
};
