// The Services of the cluster: the file's own plus those the control plane and add-ons create, in the
// order each would have claimed its address. `default/kubernetes` exists as soon as kube-apiserver starts
// and kube-dns is created at `kubeadm init`, both before anything in the file: they claim their addresses
// first, so a file's Service asking for the same one is refused. The ingress-nginx controller's Service is
// applied after the file and takes the next free addresses. In the list they come after the file's own
// (kubernetes, kube-dns, then the controller), so the file's Services keep their places.
import type { Cidr } from '../net/ipv4';
import type { ServiceSpec } from '../model/scenario';
import type { NetworkingPlaces } from './cluster-configuration';
import type { Diagnostics } from './diagnostics';
import { allocateServices } from './service-allocation';
import type { ServiceInput } from './services';

export interface AddedServices {
  /** kube-apiserver's `default/kubernetes`, unless the file holds it. */
  readonly kubernetes: ServiceInput | null;
  /** kubeadm's kube-dns, unless the file holds it or CoreDNS is skipped. */
  readonly kubeDns: ServiceInput | null;
  /** The ingress-nginx controller's Service, when the add-on is installed and the file lacks it. */
  readonly controller: ServiceInput | null;
}

export interface ClusterServices {
  readonly services: ServiceSpec[];
  /** The inputs in the same order as `services`. */
  readonly inputs: ServiceInput[];
}

export function allocateClusterServices(
  fileServices: readonly ServiceInput[],
  added: AddedServices,
  serviceSubnet: Cidr,
  nodePortRange: { readonly min: number; readonly max: number },
  diags: Diagnostics,
  places: Pick<NetworkingPlaces, 'serviceSubnet' | 'nodePortRange'>,
): ClusterServices {
  const early = [added.kubernetes, added.kubeDns].filter((s): s is ServiceInput => s !== null);
  const late = added.controller === null ? [] : [added.controller];
  const allocated = allocateServices(
    [...early, ...fileServices, ...late],
    serviceSubnet,
    diags,
    nodePortRange,
    places,
  );
  const fileEnd = early.length + fileServices.length;
  return {
    services: [
      ...allocated.slice(early.length, fileEnd),
      ...allocated.slice(0, early.length),
      ...allocated.slice(fileEnd),
    ],
    inputs: [...fileServices, ...early, ...late],
  };
}
