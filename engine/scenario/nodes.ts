// Node objects: name, zone label, spec.podCIDR and the InternalIP. What is not given is filled in by
// node-cidrs.ts and underlay.ts; this file only reads and checks each Node on its own.
import type { Cidr } from '../net/ipv4';
import { isIpv6Text } from '../net/ipv4';
import type { SourceRef, Taint } from '../model/scenario';
import type { Place } from './diagnostics';
import { cidrOrReport, ipv4OrReport } from './ip-fields';
import { readMetadata } from './metadata';
import { dns1123SubdomainError, invalidValue } from './names';
import type { ObjectFields } from './object-fields';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const NIC_MTU_ANNOTATION = 'podpath.dev/nic-mtu';
export const DEFAULT_NIC_MTU = 1500;

export interface NodeInput {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly zone: string | null;
  readonly taints: readonly Taint[];
  /** Where each of `taints` is written (its key; `spec.unschedulable` for the cordon taint). */
  readonly taintPlaces: readonly Place[];
  readonly podCIDR: { readonly range: Cidr; readonly place: Place } | null;
  readonly internalIP: { readonly ip: number; readonly place: Place } | null;
  readonly nicMtu: number;
  readonly place: Place;
  readonly source: SourceRef;
}

function readPodCIDR(spec: ObjectFields): NodeInput['podCIDR'] {
  const diags = spec.ctx.diags;
  const single = spec.string('podCIDR');
  if (single !== null && single !== '') {
    const range = cidrOrReport(diags, spec.place('podCIDR'), single);
    return range && { range: { network: range.network, prefix: range.prefix }, place: spec.place('podCIDR') };
  }
  // spec.podCIDRs (dual-stack): the IPv4 entry, if any.
  for (const { value, place } of spec.stringList('podCIDRs')) {
    if (isIpv6Text(value)) continue;
    const range = cidrOrReport(diags, place, value);
    return range && { range: { network: range.network, prefix: range.prefix }, place };
  }
  return null;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** spec.taints, plus the taint the node lifecycle controller adds for `spec.unschedulable: true` (kubectl cordon). */
function readTaints(spec: ObjectFields): { taints: Taint[]; places: Place[] } {
  const taints: Taint[] = [];
  const places: Place[] = [];
  for (const t of spec.mapList('taints')) {
    const key = t.string('key');
    if (key === null || key === '') {
      t.error('key', 'Required value');
      continue;
    }
    const effect = t.string('effect');
    if (effect === null || !(TAINT_EFFECTS as readonly string[]).includes(effect)) {
      t.error(
        'effect',
        `Unsupported value: ${JSON.stringify(effect ?? '')}: supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
      );
      continue;
    }
    taints.push({ key, value: t.string('value') ?? '', effect: effect as Taint['effect'] });
    places.push(t.place('key'));
  }
  if (spec.bool('unschedulable') === true && !taints.some((t) => t.key === UNSCHEDULABLE_TAINT)) {
    taints.push({ key: UNSCHEDULABLE_TAINT, value: '', effect: 'NoSchedule' });
    places.push(spec.place('unschedulable'));
  }
  return { taints, places };
}

const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

function readInternalIP(status: ObjectFields): NodeInput['internalIP'] {
  for (const address of status.mapList('addresses')) {
    if (address.string('type') !== 'InternalIP') continue;
    const text = address.string('address');
    if (text === null) continue;
    if (isIpv6Text(text)) {
      address.warning('address', 'IPv6 InternalIP ignored: Podpath models an IPv4 cluster');
      continue;
    }
    const ip = ipv4OrReport(status.ctx.diags, address.place('address'), text);
    return ip === null ? null : { ip, place: address.place('address') };
  }
  return null;
}

function readNicMtu(metadata: ObjectFields, annotations: Record<string, string>): number {
  const text = annotations[NIC_MTU_ANNOTATION];
  if (text === undefined) return DEFAULT_NIC_MTU;
  const mtu = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  // 68 is the smallest MTU IPv4 allows (RFC 791); 65535 the largest a Linux device takes.
  if (mtu >= 68 && mtu <= 65535) return mtu;
  metadata
    .map('annotations')
    .error(NIC_MTU_ANNOTATION, invalidValue(text, 'must be an MTU between 68 and 65535'));
  return DEFAULT_NIC_MTU;
}

export function readNode(object: ObjectFields): NodeInput | null {
  const meta = readMetadata(object, { namespaced: false, nameError: dns1123SubdomainError });
  if (meta === null) return null;
  const { taints, places: taintPlaces } = readTaints(object.map('spec'));
  return {
    name: meta.name,
    labels: meta.labels,
    zone: meta.labels[ZONE_LABEL] ?? null,
    taints,
    taintPlaces,
    podCIDR: readPodCIDR(object.map('spec')),
    internalIP: readInternalIP(object.map('status')),
    nicMtu: readNicMtu(meta.metadata, meta.annotations),
    place: meta.metadata.place('name'),
    source: meta.source,
  };
}

const SYNTHESISED = { document: -1, line: 0, column: 0 } as const;

/** No Node objects: a control-plane-less two-node cluster, enough to show pod-to-pod across nodes. */
export function defaultNodes(): NodeInput[] {
  return ['node-1', 'node-2'].map((name) => ({
    name,
    labels: { 'kubernetes.io/hostname': name },
    zone: null,
    taints: [],
    taintPlaces: [],
    podCIDR: null,
    internalIP: null,
    nicMtu: DEFAULT_NIC_MTU,
    place: { ...SYNTHESISED, field: '' },
    source: SYNTHESISED,
  }));
}
