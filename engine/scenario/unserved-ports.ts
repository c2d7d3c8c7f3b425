// A warning kube never gives but a learner needs: a Service port whose named targetPort no selected pod
// declares. The EndpointSlice controller silently leaves that port out of every slice (FindPort fails),
// so traffic to it is rejected even though the Service "has endpoints".
import type { PodSpec, ServiceSpec } from '../model/scenario';
import type { Diagnostics, Place } from './diagnostics';
import { resolveTargetPort } from './endpoint-slice-controller';
import type { PodSelectorIndex } from './pod-selector-index';

export function warnUnservedPorts(
  services: readonly ServiceSpec[],
  targetPortPlaces: ReadonlyArray<readonly Place[]>,
  pods: readonly PodSpec[],
  index: PodSelectorIndex,
  diags: Diagnostics,
): void {
  services.forEach((service, s) => {
    if (service.selector === null || service.type === 'ExternalName') return;
    if (!service.ports.some((p) => typeof p.targetPort === 'string')) return;
    const selected = index.select(service.namespace, service.selector);
    if (selected.length === 0) return; // nothing selected at all: nothing to compare against
    service.ports.forEach((port, p) => {
      if (typeof port.targetPort !== 'string') return;
      if (selected.some((i) => resolveTargetPort(pods[i]!, port) !== null)) return;
      const place = targetPortPlaces[s]?.[p];
      if (place === undefined) return;
      diags.warning(
        place,
        `a Service port that no pod serves: none of the ${selected.length} selected pod(s) has a ${port.protocol} container port named ${JSON.stringify(port.targetPort)}, so this port gets no endpoints`,
      );
    });
  });
}
