// What an add-on installer creates on its own (kubeadm's CoreDNS, the ingress-nginx manifest): objects with
// no place in the user's file, and a Deployment whose template hash is stable across runs.
import type { ContainerPort, SourceRef } from '../model/scenario';
import type { DeploymentInput } from './deployments';
import type { Place } from './diagnostics';
import { podTemplateHash } from './pod-names';
import type { Toleration } from './pod-spec';

export const SYNTHESISED: Place = { document: -1, line: 0, column: 0, field: '' };
export const SYNTHESISED_SOURCE: SourceRef = { document: -1, line: 0, column: 0 };

export interface AddonDeployment {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  readonly dnsPolicy: 'Default' | 'ClusterFirst';
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  /** Names the add-on in the template hash, so two add-ons with the same shape still differ. */
  readonly addon: string;
}

export function addonDeployment(a: AddonDeployment): DeploymentInput {
  const scheduling = {
    nodeSelector: a.nodeSelector ?? {},
    tolerations: a.tolerations ?? [],
    schedulingPlace: SYNTHESISED,
  };
  const spec = {
    nodeName: null,
    ports: a.ports,
    hostNetwork: false,
    hostname: null,
    subdomain: null,
    dnsPolicy: a.dnsPolicy,
    dnsConfig: null,
  } as const;
  const templateHash = podTemplateHash(
    JSON.stringify({ labels: Object.entries(a.labels), addon: a.addon, ...spec }),
  );
  return {
    namespace: a.namespace,
    name: a.name,
    replicas: a.replicas,
    replicasPlace: SYNTHESISED,
    podLabels: { ...a.labels, 'pod-template-hash': templateHash },
    templateHash,
    spec: { ...spec, ...scheduling, hostAliases: [] },
    place: SYNTHESISED,
    source: SYNTHESISED_SOURCE,
  };
}
