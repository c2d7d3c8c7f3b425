// -m set [!] --match-set NAME dir[,dir...] (xt_set): the packet's addresses and ports, one per dimension
// of the set in the directions given, are in the ip set. kube-proxy's IPVS mode matches with these.
import type { SetDirection } from '../../ipset';
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import type { DrawRecord, MatchContext } from '../match-context';

export class SetMatch implements Match {
  readonly module = 'set';
  constructor(
    readonly name: string,
    readonly dirs: readonly SetDirection[],
    readonly negated: boolean,
  ) {}

  matches(ctx: MatchContext, _record: DrawRecord): boolean {
    // The kernel refuses a rule naming a missing set, so a missing one never matches here.
    const set = ctx.ipsets?.(this.name);
    return (set !== undefined && set.test(ctx.packet, this.dirs)) !== this.negated;
  }

  save(): string {
    return ` -m set${this.negated ? ' !' : ''} --match-set ${this.name} ${this.dirs.join(',')}`;
  }
}

export const set: MatchExtension<SetMatch> = {
  names: ['set'],
  options: { '--match-set': 2 },
  parse(_name: string, options: readonly OptionWords[]): SetMatch {
    const last = options.at(-1);
    if (!last) throw new RuleParseError('-m set without --match-set');
    const [name, dirText] = last.values as [string, string];
    const dirs = dirText.split(',');
    if (dirs.some((x) => x !== 'src' && x !== 'dst'))
      throw new RuleParseError(`bad --match-set directions: ${dirs.join(',')}`);
    return new SetMatch(name, dirs as SetDirection[], last.negated);
  },
};
