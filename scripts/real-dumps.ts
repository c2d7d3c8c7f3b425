// Generated dumps shaped like `kubectl get … -A -o yaml|json` output of a real cluster, for `npm run
// bench:real`: every object carries what kubectl prints (uid, resourceVersion, creationTimestamp,
// managedFields with their FieldsV1 trees, ownerReferences, status), not only the fields Podpath reads.
// Sizes follow issue 14's measurements: about 3.3 KB of YAML per Service with its EndpointSlice.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function uid(kind: number, i: number): string {
  const h = ((i + 1) * 2654435761 + kind * 40503) >>> 0;
  const x = h.toString(16).padStart(8, '0');
  return `${x}-${x.slice(0, 4)}-4${x.slice(1, 4)}-8${x.slice(4, 7)}-${x}${(i & 0xffff).toString(16).padStart(4, '0')}`;
}

const STAMP = '2026-11-02T09:14:27Z';

function managed(manager: string, operation: string, fields: Json, subresource?: string): Json {
  return {
    apiVersion: 'v1',
    fieldsType: 'FieldsV1',
    fieldsV1: fields,
    manager,
    operation,
    ...(subresource && { subresource }),
    time: STAMP,
  };
}

function ip(base: number, i: number): string {
  const n = base + i;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

const SERVICE_CIDR = (10 << 24) | (96 << 16); // 10.96.0.0/12
const POD_CIDR = (10 << 24) | (244 << 16); // 10.244.0.0/16, kubeadm's flannel default: node i has 10.244.i.0/24
const NODE_NET = (192 << 24) | (168 << 16); // 192.168.0.0/16

export interface DumpShape {
  readonly services: number;
  /** Pods (and endpoints) per Service. */
  readonly podsPerService: number;
  /** Nodes and Pods included (a "full" dump) or only Services and EndpointSlices. */
  readonly full: boolean;
  readonly nodes: number;
}

function ns(i: number): string {
  return `team-${i % 50}`;
}

function service(i: number): Json {
  const name = `svc-${i}`;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': `{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"${name}"},"name":"${name}","namespace":"${ns(i)}"},"spec":{"ports":[{"name":"http","port":80,"targetPort":8080}],"selector":{"app":"${name}"}}}\n`,
      },
      creationTimestamp: STAMP,
      labels: { app: name },
      managedFields: [
        managed('kubectl-client-side-apply', 'Update', {
          'f:metadata': {
            'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} },
            'f:labels': { '.': {}, 'f:app': {} },
          },
          'f:spec': {
            'f:internalTrafficPolicy': {},
            'f:ports': {
              '.': {},
              'k:{"port":80,"protocol":"TCP"}': {
                '.': {},
                'f:name': {},
                'f:port': {},
                'f:protocol': {},
                'f:targetPort': {},
              },
            },
            'f:selector': {},
            'f:sessionAffinity': {},
            'f:type': {},
          },
        }),
      ],
      name,
      namespace: ns(i),
      resourceVersion: String(100000 + i),
      uid: uid(1, i),
    },
    spec: {
      clusterIP: ip(SERVICE_CIDR, 16 + i),
      clusterIPs: [ip(SERVICE_CIDR, 16 + i)],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: name },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

function podName(i: number, k: number): string {
  return `svc-${i}-7d9c5b8f4-${(k + 10 * i).toString(36).padStart(5, 'x')}`;
}

/** The pod's address inside its node's /24, as flannel's host-local IPAM hands them out. */
function podIP(shape: DumpShape, i: number, k: number): string {
  const n = i * shape.podsPerService + k;
  return ip(POD_CIDR, ((n % shape.nodes) << 8) + 2 + Math.floor(n / shape.nodes));
}

function nodeOf(shape: DumpShape, i: number, k: number): string {
  return `node-${(i * shape.podsPerService + k) % shape.nodes}`;
}

function endpointSlice(shape: DumpShape, i: number): Json {
  const name = `svc-${i}`;
  const endpoints: Json[] = [];
  for (let k = 0; k < shape.podsPerService; k++) {
    endpoints.push({
      addresses: [podIP(shape, i, k)],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: nodeOf(shape, i, k),
      targetRef: { kind: 'Pod', name: podName(i, k), namespace: ns(i), uid: uid(3, i * 100 + k) },
    });
  }
  return {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints,
    kind: 'EndpointSlice',
    metadata: {
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': STAMP },
      creationTimestamp: STAMP,
      generateName: `${name}-`,
      generation: 3,
      labels: {
        app: name,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': name,
      },
      managedFields: [
        managed('kube-controller-manager', 'Update', {
          'f:addressType': {},
          'f:endpoints': {},
          'f:metadata': {
            'f:annotations': { '.': {}, 'f:endpoints.kubernetes.io/last-change-trigger-time': {} },
            'f:generateName': {},
            'f:labels': {
              '.': {},
              'f:app': {},
              'f:endpointslice.kubernetes.io/managed-by': {},
              'f:kubernetes.io/service-name': {},
            },
            'f:ownerReferences': { '.': {}, [`k:{"uid":"${uid(1, i)}"}`]: {} },
          },
          'f:ports': {},
        }),
      ],
      name: `${name}-${(i * 7919).toString(36).slice(-5).padStart(5, 'q')}`,
      namespace: ns(i),
      ownerReferences: [
        {
          apiVersion: 'v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'Service',
          name,
          uid: uid(1, i),
        },
      ],
      resourceVersion: String(200000 + i),
      uid: uid(2, i),
    },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}

function pod(shape: DumpShape, i: number, k: number): Json {
  const name = podName(i, k);
  const node = nodeOf(shape, i, k);
  const nodeIndex = Number(node.slice(5));
  const condition = (type: string): Json => ({
    lastProbeTime: null,
    lastTransitionTime: STAMP,
    status: 'True',
    type,
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: STAMP,
      generateName: `svc-${i}-7d9c5b8f4-`,
      labels: { app: `svc-${i}`, 'pod-template-hash': '7d9c5b8f4' },
      managedFields: [
        managed('kube-controller-manager', 'Update', {
          'f:metadata': {
            'f:generateName': {},
            'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} },
            'f:ownerReferences': { '.': {}, [`k:{"uid":"${uid(4, i)}"}`]: {} },
          },
          'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        }),
        managed(
          'kubelet',
          'Update',
          { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:podIP': {} } },
          'status',
        ),
      ],
      name,
      namespace: ns(i),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'ReplicaSet',
          name: `svc-${i}-7d9c5b8f4`,
          uid: uid(4, i),
        },
      ],
      resourceVersion: String(300000 + i * 100 + k),
      uid: uid(3, i * 100 + k),
    },
    spec: {
      containers: [
        {
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.52',
          imagePullPolicy: 'IfNotPresent',
          name: 'app',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: node,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      conditions: [
        condition('Initialized'),
        condition('Ready'),
        condition('ContainersReady'),
        condition('PodScheduled'),
      ],
      containerStatuses: [
        {
          containerID: `containerd://${uid(5, i * 100 + k).replace(/-/g, '')}`,
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.52',
          imageID:
            'registry.k8s.io/e2e-test-images/agnhost@sha256:b173c7d0ffe3d805d49f4dfe48375169b7b8d2e1feb81783efd61eb9d08042e6',
          lastState: {},
          name: 'app',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: STAMP } },
        },
      ],
      hostIP: ip(NODE_NET, 10 + nodeIndex),
      phase: 'Running',
      podIP: podIP(shape, i, k),
      podIPs: [{ ip: podIP(shape, i, k) }],
      qosClass: 'BestEffort',
      startTime: STAMP,
    },
  };
}

function node(i: number): Json {
  const name = `node-${i}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: STAMP,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
      },
      name,
      resourceVersion: String(400000 + i),
      uid: uid(6, i),
    },
    spec: {
      podCIDR: `10.244.${i}.0/24`,
      podCIDRs: [`10.244.${i}.0/24`],
    },
    status: {
      addresses: [
        { address: ip(NODE_NET, 10 + i), type: 'InternalIP' },
        { address: name, type: 'Hostname' },
      ],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.1.0-28-amd64',
        kubeProxyVersion: 'v1.33.1',
        kubeletVersion: 'v1.33.1',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
      },
    },
  };
}

/** The objects of the dump, in kubectl's order for `get nodes,pods,svc,endpointslices`. */
export function dumpItems(shape: DumpShape): Json[] {
  const items: Json[] = [];
  if (shape.full) {
    for (let n = 0; n < shape.nodes; n++) items.push(node(n));
    for (let i = 0; i < shape.services; i++)
      for (let k = 0; k < shape.podsPerService; k++) items.push(pod(shape, i, k));
  }
  for (let i = 0; i < shape.services; i++) items.push(service(i));
  for (let i = 0; i < shape.services; i++) items.push(endpointSlice(shape, i));
  return items;
}

/** `kubectl … -o json`: one List, indented by 4 spaces as kubectl prints it. */
export function dumpJson(shape: DumpShape): string {
  return (
    JSON.stringify(
      { apiVersion: 'v1', items: dumpItems(shape), kind: 'List', metadata: { resourceVersion: '' } },
      null,
      4,
    ) + '\n'
  );
}

const PLAIN = /^[A-Za-z0-9_/.][A-Za-z0-9_./:{}",=-]*$/;
const AMBIGUOUS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/;

/** Quoted only where go-yaml would read the bare text as something else (a number, bool or timestamp). */
function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (TIMESTAMP.test(v)) return JSON.stringify(v);
  const plain = v !== '' && PLAIN.test(v) && !AMBIGUOUS.test(v) && !v.includes(': ') && !v.endsWith(':');
  if (plain && Number.isNaN(Number(v))) return v;
  if (!v.includes("'") && !v.includes('\n')) return `'${v}'`;
  return JSON.stringify(v);
}

/** go-yaml's block style as kubectl prints it: 2-space maps, list dashes at the parent key's indent. */
function emit(out: string[], v: Json, indent: string): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
        const lines: string[] = [];
        emit(lines, item, indent + '  ');
        lines[0] = `${indent}- ${lines[0]!.slice(indent.length + 2)}`;
        out.push(...lines);
      } else if (Array.isArray(item) || (item !== null && typeof item === 'object')) {
        out.push(`${indent}- ${Array.isArray(item) ? '[]' : '{}'}`);
      } else out.push(`${indent}- ${scalar(item)}`);
    }
    return;
  }
  for (const [k, value] of Object.entries(v as Record<string, Json>)) {
    const key = scalar(k);
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${indent}${key}: []`);
      else {
        out.push(`${indent}${key}:`);
        emit(out, value, indent);
      }
    } else if (value !== null && typeof value === 'object') {
      if (Object.keys(value).length === 0) out.push(`${indent}${key}: {}`);
      else {
        out.push(`${indent}${key}:`);
        emit(out, value, indent + '  ');
      }
    } else out.push(`${indent}${key}: ${scalar(value)}`);
  }
}

/** `kubectl … -o yaml`. */
export function dumpYaml(shape: DumpShape): string {
  const out: string[] = ['apiVersion: v1', 'items:'];
  emit(out, dumpItems(shape), '');
  out.push('kind: List', 'metadata:', "  resourceVersion: ''");
  return out.join('\n') + '\n';
}
