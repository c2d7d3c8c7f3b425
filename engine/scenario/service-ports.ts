// spec.ports of a Service, checked like the API server's ValidateService: port names required and unique
// once there is more than one port, no two ports with the same number and protocol, a named targetPort
// that is a valid port name, and nodePorts only where the type opens them.
import type { Protocol, ServiceType } from '../model/scenario';
import type { Place } from './diagnostics';
import { describeNode, type ObjectFields } from './object-fields';
import { MAX_SERVICE_PORTS } from './limits';
import { dns1123LabelError, invalidValue, portNameError } from './names';
import { PROTOCOLS } from './pod-spec';
import { isScalar } from 'yaml';

export interface ServicePortInput {
  readonly name: string | null;
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort: number | string;
  /** 0 when not given. */
  readonly nodePort: number;
  readonly nodePortPlace: Place;
  readonly targetPortPlace: Place;
}

function readTargetPort(port: ObjectFields, servicePort: number): number | string {
  const node = port.raw('targetPort');
  if (node === null) return servicePort; // defaulted to `port` (SetDefaults_Service)
  if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)) {
    if (node.value === 0) return servicePort;
    if (node.value >= 1 && node.value <= 65535) return node.value;
    port.error('targetPort', invalidValue(node.value, 'must be between 1 and 65535, inclusive'));
    return servicePort;
  }
  if (isScalar(node) && typeof node.value === 'string') {
    // An IntOrString written as a string is a port name, even "8080" (kube rejects that one too).
    const reason = portNameError(node.value);
    if (reason !== null) port.error('targetPort', invalidValue(node.value, reason));
    return node.value;
  }
  port.error('targetPort', `expected a port number or a port name, got ${describeNode(node)}`);
  return servicePort;
}

export function readServicePorts(spec: ObjectFields, type: ServiceType): ServicePortInput[] {
  const items = spec.mapList('ports');
  if (items.length > MAX_SERVICE_PORTS) {
    spec.error('ports', `Too many: ${items.length}: must have at most ${MAX_SERVICE_PORTS} items`);
    return [];
  }
  const out: ServicePortInput[] = [];
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const item of items) {
    const rawName = item.string('name');
    const name = rawName === null || rawName === '' ? null : rawName;
    if (name === null && items.length > 1) item.error('name', 'Required value');
    if (name !== null) {
      const reason = dns1123LabelError(name);
      if (reason !== null) item.error('name', invalidValue(name, reason));
      else if (names.has(name)) item.error('name', `Duplicate value: ${JSON.stringify(name)}`);
      names.add(name);
    }
    const port = item.int('port', 1, 65535);
    if (port === null) {
      if (!item.has('port')) item.error('port', 'Required value');
      continue;
    }
    const protocol = item.oneOf('protocol', PROTOCOLS, 'TCP');
    const key = `${port}/${protocol}`;
    if (numbers.has(key)) item.error(undefined, `Duplicate value: port ${port}/${protocol} is listed twice`);
    numbers.add(key);
    const nodePort = item.int('nodePort', 1, 65535) ?? 0;
    if (nodePort !== 0 && type !== 'NodePort' && type !== 'LoadBalancer') {
      item.error('nodePort', `Forbidden: may not be used when \`type\` is '${type}'`);
    }
    out.push({
      name,
      protocol,
      port,
      targetPort: readTargetPort(item, port),
      nodePort: type === 'NodePort' || type === 'LoadBalancer' ? nodePort : 0,
      nodePortPlace: item.place('nodePort'),
      targetPortPlace: item.place('targetPort'),
    });
  }
  return out;
}
