// -m addrtype --src-type/--dst-type TYPE (xt_addrtype): what the routing table says the address is for
// this namespace. Only LOCAL is told apart here: every other type is "not local".
import type { Match, MatchExtension, OptionWords } from '../extension';
import type { DrawRecord, MatchContext } from '../match-context';
import { valueOf } from '../words';

export type AddrType =
  'LOCAL' | 'UNICAST' | 'BROADCAST' | 'MULTICAST' | 'ANYCAST' | 'BLACKHOLE' | 'UNREACHABLE';

export class AddrtypeMatch implements Match {
  readonly module = 'addrtype';
  constructor(
    readonly srcType: AddrType | undefined,
    readonly srcNegated: boolean,
    readonly dstType: AddrType | undefined,
    readonly dstNegated: boolean,
  ) {}

  matches(ctx: MatchContext, _record: DrawRecord): boolean {
    if (this.srcType !== undefined) {
      const local = ctx.isLocalAddress(ctx.packet.ip.src);
      if ((this.srcType === 'LOCAL' ? local : !local) === this.srcNegated) return false;
    }
    if (this.dstType !== undefined) {
      const local = ctx.isLocalAddress(ctx.packet.ip.dst);
      if ((this.dstType === 'LOCAL' ? local : !local) === this.dstNegated) return false;
    }
    return true;
  }

  save(): string {
    let out = ' -m addrtype';
    if (this.srcType) out += `${this.srcNegated ? ' !' : ''} --src-type ${this.srcType}`;
    if (this.dstType) out += `${this.dstNegated ? ' !' : ''} --dst-type ${this.dstType}`;
    return out;
  }
}

export const addrtype: MatchExtension<AddrtypeMatch> = {
  names: ['addrtype'],
  options: { '--src-type': 1, '--dst-type': 1 },
  parse(_name: string, options: readonly OptionWords[]): AddrtypeMatch {
    let src: OptionWords | undefined;
    let dst: OptionWords | undefined;
    for (const o of options)
      if (o.flag === '--src-type') src = o;
      else dst = o;
    return new AddrtypeMatch(
      src && (valueOf(src) as AddrType),
      src?.negated ?? false,
      dst && (valueOf(dst) as AddrType),
      dst?.negated ?? false,
    );
  },
};
