// From a KUBE-SVC/KUBE-SVL chain to the endpoints (writeServiceToEndpointRules), and each endpoint's
// KUBE-SEP chain: hairpin masquerade, then DNAT.
import type { EndpointInfo } from '../endpoint-slice-cache';
import type { ServicePortInfo } from '../service-port';
import { endpointChainName, KUBE_MARK_MASQ } from './chain-names';
import { probability } from './probability';
import { quoted, type RuleWriter } from './rule-writer';

/** Per-endpoint comments are left out in large cluster mode (appendServiceCommentLocked). */
function withComment(args: string[], comment: string, largeClusterMode: boolean): string[] {
  if (!largeClusterMode) args.push('-m', 'comment', '--comment', comment);
  return args;
}

export class EndpointChains {
  // A SEP name is a hash of the port name, protocol and endpoint; each is computed once per sync.
  private readonly names = new Map<EndpointInfo, string>();

  constructor(
    private readonly sp: ServicePortInfo,
    private readonly largeClusterMode: boolean,
  ) {}

  chainOf(ep: EndpointInfo): string {
    let name = this.names.get(ep);
    if (name === undefined) {
      name = endpointChainName(this.sp.nameString, this.sp.proto, ep.endpoint);
      this.names.set(ep, name);
    }
    return name;
  }

  /** Affinity checks first (one per endpoint), then the random pick: 1/n, 1/(n-1), ..., the last always. */
  writeServiceToEndpointRules(w: RuleWriter, svcChain: string, endpoints: readonly EndpointInfo[]): void {
    const { sp, largeClusterMode } = this;
    if (sp.sessionAffinityClientIP) {
      for (const ep of endpoints) {
        const sep = this.chainOf(ep);
        const args = withComment([], quoted(`${sp.nameString} -> ${ep.endpoint}`), largeClusterMode);
        args.push(
          '-m',
          'recent',
          '--name',
          sep,
          '--rcheck',
          '--seconds',
          String(sp.stickyMaxAgeSeconds),
          '--reap',
        );
        args.push('-j', sep);
        w.nat(svcChain, args);
      }
    }
    const n = endpoints.length;
    endpoints.forEach((ep, i) => {
      const args = withComment([], quoted(`${sp.nameString} -> ${ep.endpoint}`), largeClusterMode);
      if (i < n - 1) args.push('-m', 'statistic', '--mode', 'random', '--probability', probability(n - i));
      args.push('-j', this.chainOf(ep));
      w.nat(svcChain, args);
    });
  }

  /** One KUBE-SEP chain per reachable endpoint. */
  writeEndpointChains(w: RuleWriter, endpoints: readonly EndpointInfo[]): void {
    const { sp, largeClusterMode } = this;
    for (const ep of endpoints) {
      const sep = this.chainOf(ep);
      w.natChains.push(sep);
      // A pod reaching itself through its Service must be SNATed, or the reply would bypass conntrack.
      const masq = withComment([], sp.nameString, largeClusterMode);
      masq.push('-s', ep.ipText, '-j', KUBE_MARK_MASQ);
      w.nat(sep, masq);
      const args = withComment([], sp.nameString, largeClusterMode);
      if (sp.sessionAffinityClientIP) args.push('-m', 'recent', '--name', sep, '--set');
      args.push('-m', sp.proto, '-p', sp.proto, '-j', 'DNAT', '--to-destination', ep.endpoint);
      w.nat(sep, args);
    }
  }
}
