// The kernel's IPVS service table (ip_vs_svc_table): virtual services keyed by protocol, address and port,
// each with its scheduler, persistence and real servers. This is configuration; what the kernel learns
// while packets pass (connections, persistence templates, scheduler positions) is in ./runtime.ts.
import { formatIpv4 } from '../net/ipv4';
import type { SchedulerName } from './schedulers';

export type IpvsProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface RealServer {
  readonly address: number;
  readonly port: number;
  readonly weight: number;
  /** kube-proxy always uses NAT (IP_VS_CONN_F_MASQ): ipvsadm prints `Masq`. */
  readonly forward: 'Masq';
}

export interface VirtualService {
  readonly protocol: IpvsProtocol;
  readonly address: number;
  readonly port: number;
  readonly scheduler: SchedulerName;
  /** IP_VS_SVC_F_PERSISTENT with its timeout in seconds (sessionAffinity: ClientIP). */
  readonly persistentTimeout: number | null;
  /** Scheduler flags ipvsadm prints in parentheses: kube-proxy sets mh-port for mh. */
  readonly schedFlags: readonly string[];
  /**
   * Real servers in the kernel's list order. ip_vs_add_dest puts each new server at the head of the list
   * (list_add_rcu), so the last one kube-proxy added comes first.
   */
  readonly destinations: readonly RealServer[];
}

export function virtualServiceKey(protocol: IpvsProtocol | string, address: number, port: number): string {
  return `${protocol.toUpperCase()} ${address >>> 0}:${port}`;
}

/** `TCP  10.96.0.1:443` plus scheduler and flags, as the service line of `ipvsadm -Ln` has it. */
export function virtualServiceText(vs: VirtualService): string {
  let text = `${vs.protocol.padEnd(4)} ${formatIpv4(vs.address)}:${vs.port}`.slice(0, 33);
  text += ` ${vs.scheduler}`;
  if (vs.schedFlags.length > 0) text += ` (${vs.schedFlags.join(',')})`;
  if (vs.persistentTimeout !== null) text += ` persistent ${vs.persistentTimeout}`;
  return text;
}

export class IpvsTable {
  private readonly services = new Map<string, VirtualService>();

  add(vs: VirtualService): void {
    this.services.set(virtualServiceKey(vs.protocol, vs.address, vs.port), vs);
  }

  /** ip_vs_service_find: one hash lookup on (protocol, address, port). */
  lookup(protocol: string, address: number, port: number): VirtualService | undefined {
    return this.services.get(virtualServiceKey(protocol, address, port));
  }

  all(): VirtualService[] {
    return [...this.services.values()];
  }

  get size(): number {
    return this.services.size;
  }
}

/** A virtual service as a trace names it: one lookup in ip_vs_svc_table, shown as its ipvsadm line. */
export interface IpvsServiceRef {
  readonly table: 'ipvs';
  /** `TCP 10.96.0.10:53`: the key looked up. */
  readonly chain: string;
  readonly service: VirtualService;
}

const refs = new WeakMap<VirtualService, IpvsServiceRef>();

export function ipvsServiceRef(vs: VirtualService): IpvsServiceRef {
  let ref = refs.get(vs);
  if (!ref)
    refs.set(
      vs,
      (ref = { table: 'ipvs', chain: `${vs.protocol} ${formatIpv4(vs.address)}:${vs.port}`, service: vs }),
    );
  return ref;
}
