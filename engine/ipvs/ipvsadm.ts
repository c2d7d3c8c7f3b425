// `ipvsadm -Ln` as ipvsadm 1.31 prints it (ipvsadm.c list_all / print_title / print_service_entry): the
// version line, the two title lines, then each service sorted by libipvs's ipvs_cmp_services and its real
// servers sorted by ipvs_cmp_dests, with printf's field widths and the trailing spaces they leave.
import { formatIpv4 } from '../net/ipv4';
import { type IpvsTable, type RealServer, type VirtualService, virtualServiceText } from './table';

/** IP_VS_VERSION_CODE 1.2.1 and the connection table size for the default ip_vs conn_tab_bits=12. */
const HEADER = 'IP Virtual Server version 1.2.1 (size=4096)';
const TITLE =
  'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn';

const PROTO_NUMBER: Readonly<Record<VirtualService['protocol'], number>> = { TCP: 6, UDP: 17, SCTP: 132 };

/**
 * libipvs compares `ntohl(a) - ntohl(b)` into an int, so addresses more than 2^31 apart compare the
 * "wrong" way round: 192.168.56.11 sorts before 10.96.0.1. `| 0` gives the same wrap.
 */
function cmpAddress(a: number, b: number): number {
  return ((a >>> 0) - (b >>> 0)) | 0;
}

export function compareServices(a: VirtualService, b: VirtualService): number {
  return (
    PROTO_NUMBER[a.protocol] - PROTO_NUMBER[b.protocol] || cmpAddress(a.address, b.address) || a.port - b.port
  );
}

export function compareDests(a: RealServer, b: RealServer): number {
  return cmpAddress(a.address, b.address) || a.port - b.port;
}

export interface Counters {
  readonly active: number;
  readonly inactive: number;
}

/** `  -> %-28s %-7s %-6d %-10u %-10u` (the address cut to 28 characters). */
export function realServerLine(rs: RealServer, counters: Counters = { active: 0, inactive: 0 }): string {
  const name = `${formatIpv4(rs.address)}:${rs.port}`.slice(0, 28);
  return `  -> ${name.padEnd(28)} ${rs.forward.padEnd(7)} ${String(rs.weight).padEnd(6)} ${String(counters.active).padEnd(10)} ${String(counters.inactive).padEnd(10)}`;
}

export function ipvsadmList(
  table: IpvsTable,
  counters?: (vs: VirtualService, rs: RealServer) => Counters,
): string {
  const lines = [HEADER, TITLE];
  for (const vs of table.all().sort(compareServices)) {
    lines.push(virtualServiceText(vs));
    for (const rs of [...vs.destinations].sort(compareDests))
      lines.push(realServerLine(rs, counters?.(vs, rs)));
  }
  return lines.join('\n') + '\n';
}
