// The "tiny input, huge work" file of issue 14, generated: a few KB of YAML whose Deployments ask for
// hundreds of thousands of replicas and whose Services all select every one of them. The cost is
// pods × selecting Services × ports, which no size cap sees.

export interface AmplificationShape {
  readonly deployments: number;
  readonly replicas: number;
  readonly services: number;
  readonly portsPerService: number;
}

/** Issue 14's file: 199,000 replicas (10 Deployments of 19,900) and 40 Services of 3 ports selecting them. */
export const ISSUE_14_FILE: AmplificationShape = {
  deployments: 10,
  replicas: 19_900,
  services: 40,
  portsPerService: 3,
};

export function amplificationYaml(shape: AmplificationShape): string {
  // A /8 pod network and two nodes of a /15 each, so every replica gets an address.
  const docs = [
    'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.0.0.0/8\n  serviceSubnet: 172.16.0.0/12\n',
    ...[0, 1].map(
      (n) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${n}\nspec:\n  podCIDR: 10.${n * 2}.0.0/15\n`,
    ),
  ];
  for (let d = 0; d < shape.deployments; d++) {
    docs.push(
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${d}
spec:
  replicas: ${shape.replicas}
  selector:
    matchLabels: {app: web, shard: "${d}"}
  template:
    metadata:
      labels: {app: web, shard: "${d}"}
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 8080
`,
    );
  }
  for (let s = 0; s < shape.services; s++) {
    const ports = Array.from(
      { length: shape.portsPerService },
      (_, p) => `  - {name: p${p}, port: ${80 + p}, targetPort: 8080}\n`,
    ).join('');
    docs.push(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: web-${s}\nspec:\n  selector:\n    app: web\n  ports:\n${ports}`,
    );
  }
  return docs.join('---\n');
}
