// -m ipvs --vaddr A --vproto P --vport N (xt_ipvs): the packet belongs to an IPVS connection of this
// virtual service. kube-proxy's IPVS mode writes it in KUBE-IPVS-OUT-FILTER only.
import { formatIpv4 } from '../../../net/ipv4';
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import { parseAddress, parsePortRange, valueOf } from '../words';

/** libxt_ipvs saves --vproto as the protocol number. */
const PROTO_NUMBER: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132 };

export class IpvsMatch implements Match {
  readonly module = 'ipvs';
  constructor(
    readonly vaddr: number,
    readonly vproto: string,
    readonly vport: number,
  ) {}

  matches(): boolean {
    // Only KUBE-IPVS-OUT-FILTER uses it (a node reaching its own LB IP); IPVS connections are not
    // visible to the filter tables here, so it never matches.
    return false;
  }

  save(): string {
    return ` -m ipvs --vaddr ${formatIpv4(this.vaddr)} --vproto ${PROTO_NUMBER[this.vproto] ?? this.vproto} --vport ${this.vport}`;
  }
}

export const ipvs: MatchExtension<IpvsMatch> = {
  names: ['ipvs'],
  options: { '--vaddr': 1, '--vproto': 1, '--vport': 1 },
  parse(_name: string, options: readonly OptionWords[]): IpvsMatch {
    let vaddr: number | undefined;
    let vproto: string | undefined;
    let vport: number | undefined;
    for (const o of options) {
      const value = valueOf(o);
      if (o.flag === '--vaddr') vaddr = parseAddress(value).network;
      else if (o.flag === '--vport') vport = parsePortRange(value).from;
      else vproto = value.toLowerCase();
    }
    if (vaddr === undefined || vport === undefined || !vproto)
      throw new RuleParseError('-m ipvs needs --vaddr, --vproto and --vport');
    return new IpvsMatch(vaddr, vproto, vport);
  },
};
