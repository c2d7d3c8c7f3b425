// The kernel's own count of resent handshakes, which tells the lab when a flow's counters cannot be trusted.
import { sh } from './host';

/** TcpExt TCPSynRetrans summed over namespaces: SYNs and SYN-ACKs sent again (net/ipv4/tcp_timer.c). */
export function synRetransmits(namespaces: readonly string[]): number {
  let total = 0;
  for (const ns of namespaces) {
    const lines = sh('ip', ['netns', 'exec', ns, 'cat', '/proc/net/netstat'])
      .split('\n')
      .filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    const i = names.indexOf('TCPSynRetrans');
    if (i >= 0) total += Number(values[i] ?? 0);
  }
  return total;
}
