// A pod's /etc/hosts as the kubelet writes it (pkg/kubelet/kubelet_pods.go managedHostsFileContent): a
// header, the localhost lines, the pod's address under its hostname (its FQDN first when it has a
// subdomain), then "# Entries added by HostAliases." and one line per spec.hostAliases entry. A hostNetwork
// pod gets the node's own file instead (nodeHostsFileContent), with the same HostAliases block appended.
// glibc reads it before DNS (`hosts: files dns` in nsswitch.conf): the first line naming the host, compared
// without regard to case and without the search list, answers with no query sent.
import type { PodSpec } from '../model/scenario';
import { formatIpv4, parseIpv4 } from '../net/ipv4';

const MANAGED_HEADER = '# Kubernetes-managed hosts file.';
const LOCALHOST_LINES = [
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'fe00::0\tip6-mcastprefix',
  'fe00::1\tip6-allnodes',
  'fe00::2\tip6-allrouters',
];
/** What Podpath takes a node's own /etc/hosts to hold (a hostNetwork pod sees that file). */
const NODE_LINES = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback'];

export interface HostsMatch {
  /** The IPv4 address the line gives. */
  readonly ip: string;
  /** The line as written in the file. */
  readonly line: string;
  /** Where it came from, for the trace's sentence. */
  readonly origin: 'kubelet' | 'hostAliases';
}

export class HostsFile {
  constructor(
    private readonly lines: readonly string[],
    /** Index of the first HostAliases line (lines.length when there are none). */
    private readonly aliasesFrom: number,
  ) {}

  get text(): string {
    return this.lines.join('\n') + '\n';
  }

  /** The first IPv4 line naming `name` (gethostbyname4 in glibc's files backend), or null. */
  lookup(name: string): HostsMatch | null {
    const wanted = name.toLowerCase();
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (line.startsWith('#')) continue;
      const [ip, ...names] = line.split(/\s+/).filter((f) => f !== '');
      if (ip === undefined || parseIpv4(ip) === null) continue;
      if (names.some((n) => n.toLowerCase() === wanted))
        return { ip, line, origin: i >= this.aliasesFrom ? 'hostAliases' : 'kubelet' };
    }
    return null;
  }
}

/** truncatePodHostnameIfNeeded: at most 63 characters, without a trailing '-' or '.'. */
export function podHostname(pod: PodSpec): string {
  if (pod.hostname !== null) return pod.hostname;
  return pod.name.length <= 63 ? pod.name : pod.name.slice(0, 63).replace(/[-.]+$/, '');
}

function withHostAliases(lines: string[], pod: PodSpec | null): HostsFile {
  const aliases = pod?.hostAliases ?? [];
  if (aliases.length === 0) return new HostsFile(lines, lines.length);
  const from = lines.length + 2;
  return new HostsFile(
    [
      ...lines,
      '',
      '# Entries added by HostAliases.',
      ...aliases.map((a) => [a.ip, ...a.hostnames].join('\t')),
    ],
    from,
  );
}

/** The /etc/hosts of a pod with address `ip` (null before it has one) in a cluster of domain `dnsDomain`. */
export function podHostsFile(pod: PodSpec, ip: number | null, dnsDomain: string): HostsFile {
  if (pod.hostNetwork) return withHostAliases([...NODE_LINES], pod);
  const lines = [MANAGED_HEADER, ...LOCALHOST_LINES];
  if (ip !== null) {
    const hostname = podHostname(pod);
    lines.push(
      pod.subdomain
        ? `${formatIpv4(ip)}\t${hostname}.${pod.subdomain}.${pod.namespace}.svc.${dnsDomain}\t${hostname}`
        : `${formatIpv4(ip)}\t${hostname}`,
    );
  }
  return withHostAliases(lines, pod);
}

/** A node's (or an external client's) own /etc/hosts, as far as Podpath models it. */
export function nodeHostsFile(): HostsFile {
  return withHostAliases([...NODE_LINES], null);
}
