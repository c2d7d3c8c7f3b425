// The parts of a pod spec that matter to the network, shared by bare Pods and Deployment templates:
// where it runs, its container ports (what a named targetPort resolves against), host networking and the
// hostname/subdomain pair that gives it a DNS name behind a headless Service, and its /etc/hosts additions.
import type { ContainerPort, DnsPolicy, HostAlias, PodDnsConfig, Protocol } from '../model/scenario';
import { readHostAliases } from './host-aliases';
import { readPodDns } from './pod-dns';
import type { Place } from './diagnostics';
import { parseIpv4 } from '../net/ipv4';
import { dns1123LabelError, dns1123SubdomainError, invalidValue, portNameError } from './names';
import type { ObjectFields } from './object-fields';

export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** A pod's spec.tolerations entry; operator Equal unless `Exists`, empty key or effect matches any. */
export interface Toleration {
  readonly key: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value: string;
  readonly effect: string;
}

export interface PodSpecInput {
  readonly nodeName: { readonly name: string; readonly place: Place } | null;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
  /** Where spec.nodeSelector (or the spec) is written, for "0/3 nodes are available". */
  readonly schedulingPlace: Place;
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  readonly hostname: string | null;
  readonly subdomain: string | null;
  readonly dnsPolicy: DnsPolicy;
  readonly dnsConfig: PodDnsConfig | null;
  readonly hostAliases: readonly HostAlias[];
}

function readContainerPorts(spec: ObjectFields, hostNetwork: boolean): ContainerPort[] {
  const ports: ContainerPort[] = [];
  const names = new Set<string>();
  for (const container of spec.mapList('containers')) {
    for (const port of container.mapList('ports')) {
      const containerPort = port.int('containerPort', 1, 65535);
      if (containerPort === null) {
        if (!port.has('containerPort')) port.error('containerPort', 'Required value');
        continue;
      }
      let name = port.string('name');
      if (name !== null && name !== '') {
        const reason = portNameError(name);
        if (reason !== null) port.error('name', invalidValue(name, reason));
        else if (names.has(name)) port.error('name', `Duplicate value: ${JSON.stringify(name)}`);
        names.add(name);
      } else name = null;
      const protocol = port.oneOf('protocol', PROTOCOLS, 'TCP');
      // hostPort 0 is "none" (validation: ValidatePortNum only when non-zero).
      const hostPort = port.has('hostPort') ? port.int('hostPort', 0, 65535) : null;
      if (!hostPort) {
        ports.push({ name, containerPort, protocol });
        continue;
      }
      if (hostNetwork && hostPort !== containerPort)
        port.error(
          'hostPort',
          'Invalid value: ' + hostPort + ': must match `containerPort` when `hostNetwork` is true',
        );
      const hostIP = port.string('hostIP');
      if (hostIP !== null && hostIP !== '' && parseIpv4(hostIP) === null)
        port.warning(
          'hostIP',
          `${JSON.stringify(hostIP)} is not an IPv4 address: portmap's IPv4 run leaves this mapping out`,
        );
      ports.push({
        name,
        containerPort,
        protocol,
        hostPort,
        ...(hostIP !== null && hostIP !== '' && { hostIP }),
      });
    }
  }
  return ports;
}

function readTolerations(spec: ObjectFields): Toleration[] {
  return spec.mapList('tolerations').map((t) => ({
    key: t.string('key') ?? '',
    operator: t.oneOf('operator', ['Equal', 'Exists'] as const, 'Equal'),
    value: t.string('value') ?? '',
    effect: t.string('effect') ?? '',
  }));
}

function readDnsLabel(spec: ObjectFields, key: string): string | null {
  const value = spec.string(key);
  if (value === null || value === '') return null;
  const reason = dns1123LabelError(value);
  if (reason === null) return value;
  spec.error(key, invalidValue(value, reason));
  return null;
}

export function readPodSpec(spec: ObjectFields): PodSpecInput {
  const nodeName = spec.string('nodeName');
  const hostNetwork = spec.bool('hostNetwork') ?? false;
  if (nodeName !== null && nodeName !== '') {
    const reason = dns1123SubdomainError(nodeName);
    if (reason !== null) spec.error('nodeName', invalidValue(nodeName, reason));
  }
  return {
    nodeName: nodeName === null || nodeName === '' ? null : { name: nodeName, place: spec.place('nodeName') },
    nodeSelector: spec.stringMap('nodeSelector') ?? {},
    tolerations: readTolerations(spec),
    schedulingPlace: spec.has('nodeSelector') ? spec.place('nodeSelector') : spec.place(),
    ports: readContainerPorts(spec, hostNetwork),
    hostNetwork,
    hostname: readDnsLabel(spec, 'hostname'),
    subdomain: readDnsLabel(spec, 'subdomain'),
    ...readPodDns(spec),
    hostAliases: readHostAliases(spec),
  };
}
