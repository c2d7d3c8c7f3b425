// The benchmark's cluster sizes and the scenario file generated for each.
export interface Tier {
  readonly name: string;
  readonly nodes: number;
  readonly services: number;
  readonly replicas: number; // pods per Service (one Deployment each)
  readonly targets: string;
}

export const TIERS: Record<string, Tier> = {
  classroom: { name: 'classroom', nodes: 3, services: 10, replicas: 3, targets: 'build + trace < 10 ms' },
  large: { name: 'large', nodes: 100, services: 1000, replicas: 3, targets: '-' },
  limits: {
    name: 'limits',
    nodes: 5000,
    services: 10000,
    replicas: 15,
    targets: 'node rules < 2 s and < 1.5 GB; trace < 20 ms',
  },
};

/** A scenario file of the tier's size, as compact `kind: List` documents. */
export function tierYaml(t: Tier): string {
  const lines = [
    'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: {podSubnet: 10.128.0.0/9}\n---\napiVersion: v1\nkind: List\nitems:',
  ];
  for (let i = 0; i < t.nodes; i++) lines.push(`- {apiVersion: v1, kind: Node, metadata: {name: n${i}}}`);
  lines.push(
    '- {apiVersion: v1, kind: Pod, metadata: {name: client}, spec: {nodeName: n0, containers: [{name: c}]}}',
  );
  lines.push('---\napiVersion: v1\nkind: List\nitems:');
  for (let i = 0; i < t.services; i++) {
    lines.push(
      `- {apiVersion: v1, kind: Service, metadata: {name: s${i}}, spec: {selector: {a: d${i}}, ports: [{port: 80, targetPort: 8080}]}}`,
    );
    lines.push(
      `- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d${i}}, spec: {replicas: ${t.replicas}, template: {metadata: {labels: {a: d${i}}}, spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}}}}`,
    );
  }
  return lines.join('\n') + '\n';
}
