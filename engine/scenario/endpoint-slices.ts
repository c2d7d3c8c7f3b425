// discovery.k8s.io/v1 EndpointSlices written by hand, as for a Service without a selector. Field rules
// follow ValidateEndpointSlice; nullable conditions stay null, which kube-proxy reads as true.
import type { Endpoint, EndpointPort, EndpointSliceSpec } from '../model/scenario';
import { ipv4OrReport } from './ip-fields';
import { MAX_SERVICE_PORTS, MAX_SLICE_ENDPOINTS } from './limits';
import { readMetadata } from './metadata';
import { dns1123SubdomainError } from './names';
import type { ObjectFields } from './object-fields';
import { PROTOCOLS } from './pod-spec';
import type { Place } from './diagnostics';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** The EndpointSlice controller's own value for MANAGED_BY_LABEL (pkg/controller/endpointslice). */
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';

export interface EndpointSliceInput {
  readonly slice: EndpointSliceSpec;
  readonly place: Place;
  readonly serviceNamePlace: Place;
}

function readEndpoint(endpoint: ObjectFields, namespace: string): Endpoint | null {
  const addresses: number[] = [];
  const texts = endpoint.stringList('addresses');
  if (texts.length === 0 || texts.length > 100) {
    endpoint.error(
      'addresses',
      texts.length === 0
        ? 'Required value: must contain at least 1 address'
        : 'Too many: must contain at most 100 addresses',
    );
    return null;
  }
  for (const { value, place } of texts) {
    const ip = ipv4OrReport(endpoint.ctx.diags, place, value);
    if (ip !== null) addresses.push(ip);
  }
  const conditions = endpoint.map('conditions');
  const targetRef = endpoint.map('targetRef');
  const kind = targetRef.string('kind');
  const podName = targetRef.string('name');
  const forZones = endpoint
    .map('hints')
    .mapList('forZones')
    .map((z) => z.string('name') ?? '');
  return {
    addresses,
    conditions: {
      ready: conditions.bool('ready'),
      serving: conditions.bool('serving'),
      terminating: conditions.bool('terminating'),
    },
    nodeName: endpoint.string('nodeName'),
    zone: endpoint.string('zone'),
    hostname: endpoint.string('hostname'),
    targetPod:
      (kind === null || kind === 'Pod') && podName !== null
        ? `${targetRef.string('namespace') ?? namespace}/${podName}`
        : null,
    hintsForZones: endpoint.map('hints').has('forZones') ? forZones : null,
  };
}

function readPorts(object: ObjectFields): EndpointPort[] {
  const items = object.mapList('ports');
  if (items.length > MAX_SERVICE_PORTS) {
    object.error('ports', `Too many: ${items.length}: must have at most ${MAX_SERVICE_PORTS} items`);
    return [];
  }
  return items.map((port) => {
    const name = port.string('name');
    return {
      name: name === '' ? null : name,
      port: port.int('port', 1, 65535),
      protocol: port.oneOf('protocol', PROTOCOLS, 'TCP'),
    };
  });
}

export function readEndpointSlice(object: ObjectFields): EndpointSliceInput | null {
  const meta = readMetadata(object, { namespaced: true, nameError: dns1123SubdomainError });
  if (meta === null) return null;
  const serviceName = meta.labels[SERVICE_NAME_LABEL];
  if (serviceName === undefined || serviceName === '') {
    meta.metadata.error(
      'labels',
      `Required value: label ${SERVICE_NAME_LABEL} names the Service this slice belongs to`,
    );
    return null;
  }
  const addressType = object.oneOf('addressType', ['IPv4', 'IPv6', 'FQDN'] as const, 'IPv4');
  if (addressType !== 'IPv4') {
    object.warning('addressType', `${addressType} EndpointSlice ignored: kube-proxy here serves IPv4 only`);
    return null;
  }
  const items = object.mapList('endpoints');
  if (items.length > MAX_SLICE_ENDPOINTS) {
    object.error('endpoints', `Too many: ${items.length}: must have at most ${MAX_SLICE_ENDPOINTS} items`);
    return null;
  }
  const endpoints = items
    .map((e) => readEndpoint(e, meta.namespace))
    .filter((e): e is Endpoint => e !== null);
  return {
    slice: {
      namespace: meta.namespace,
      name: meta.name,
      serviceName,
      addressType,
      endpoints,
      ports: readPorts(object),
      explicit: true,
      ...(meta.labels[MANAGED_BY_LABEL] !== undefined && { managedBy: meta.labels[MANAGED_BY_LABEL] }),
      source: meta.source,
    },
    place: meta.metadata.place('name'),
    serviceNamePlace: meta.metadata.map('labels').place(SERVICE_NAME_LABEL),
  };
}
