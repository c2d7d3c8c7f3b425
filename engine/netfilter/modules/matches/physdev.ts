// -m physdev [!] --physdev-is-in (xt_physdev): the packet came in through a bridge port.
import type { Match, MatchExtension, OptionWords } from '../extension';
import type { DrawRecord, MatchContext } from '../match-context';

export class PhysdevMatch implements Match {
  readonly module = 'physdev';
  constructor(
    readonly isIn: boolean,
    readonly isInNegated: boolean,
  ) {}

  matches(ctx: MatchContext, _record: DrawRecord): boolean {
    // br_netfilter keeps the bridge port of a frame that came in through one, bridged or routed.
    const bridged = ctx.inDev !== null && (ctx.isBridge?.(ctx.inDev) ?? false);
    return !this.isIn || bridged !== this.isInNegated;
  }

  save(): string {
    return this.isIn ? ` -m physdev${this.isInNegated ? ' !' : ''} --physdev-is-in` : ' -m physdev';
  }
}

export const physdev: MatchExtension<PhysdevMatch> = {
  names: ['physdev'],
  options: { '--physdev-is-in': 0 },
  parse(_name: string, options: readonly OptionWords[]): PhysdevMatch {
    const last = options.at(-1);
    return new PhysdevMatch(last !== undefined, last?.negated ?? false);
  },
};
