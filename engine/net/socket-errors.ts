// What a connecting socket sees when the kernel refuses its packet: the errno an ICMP destination-unreachable
// becomes, and whether that socket is told at all. Linux converts the code with icmp_err_convert[]
// (net/ipv4/icmp.c). A TCP socket in SYN-SENT takes every one of them as the connect() error (tcp_v4_err:
// "case TCP_SYN_SENT … sk->sk_err = err"), except "fragmentation needed", which only lowers the path MTU
// and lets the SYN be sent again. A UDP socket without IP_RECVERR (the default: Node, Python, curl) only
// hears the "hard" errors (__udp4_lib_err: `if (!harderr …) goto out`): port unreachable, fragmentation
// needed (path MTU discovery is on by default) and the administratively prohibited ones; a net or host
// unreachable is dropped silently and the socket waits.

export type SocketError = 'ECONNREFUSED' | 'ENETUNREACH' | 'EHOSTUNREACH' | 'EMSGSIZE' | string;

interface Conversion {
  readonly errno: string;
  /** `fatal` in icmp_err_convert: a UDP socket without IP_RECVERR is told. */
  readonly hard: boolean;
}

/** icmp_err_convert[], indexed by the destination-unreachable code (RFC 792, RFC 1812). */
const UNREACHABLE: readonly Conversion[] = [
  { errno: 'ENETUNREACH', hard: false }, // 0 net unreachable
  { errno: 'EHOSTUNREACH', hard: false }, // 1 host unreachable
  { errno: 'ENOPROTOOPT', hard: true }, // 2 protocol unreachable
  { errno: 'ECONNREFUSED', hard: true }, // 3 port unreachable
  { errno: 'EMSGSIZE', hard: false }, // 4 fragmentation needed (UDP makes it hard itself, see above)
  { errno: 'EOPNOTSUPP', hard: false }, // 5 source route failed
  { errno: 'ENETUNREACH', hard: true }, // 6 network unknown
  { errno: 'EHOSTDOWN', hard: true }, // 7 host unknown
  { errno: 'ENONET', hard: true }, // 8 host isolated
  { errno: 'ENETUNREACH', hard: true }, // 9 network administratively prohibited
  { errno: 'EHOSTUNREACH', hard: true }, // 10 host administratively prohibited
  { errno: 'ENETUNREACH', hard: false }, // 11 net unreachable for TOS
  { errno: 'EHOSTUNREACH', hard: false }, // 12 host unreachable for TOS
  { errno: 'EHOSTUNREACH', hard: true }, // 13 communication administratively prohibited
  { errno: 'EHOSTUNREACH', hard: true }, // 14 host precedence violation
  { errno: 'EHOSTUNREACH', hard: true }, // 15 precedence cut-off
];

/**
 * The error a connecting socket of `proto` gets from an ICMP destination unreachable with `code`, or
 * null when it is not told (it keeps waiting, and the application sees a time-out).
 */
export function socketErrorOfIcmp(proto: 'tcp' | 'udp', type: number, code: number): SocketError | null {
  if (type !== 3) return null;
  const c = UNREACHABLE[code] ?? { errno: 'EHOSTUNREACH', hard: false };
  if (proto === 'tcp') return code === 4 ? null : c.errno;
  // udp: "fragmentation needed" is a hard EMSGSIZE while path MTU discovery is on (IP_PMTUDISC_WANT).
  if (code === 4) return 'EMSGSIZE';
  return c.hard ? c.errno : null;
}
