// Warnings kube never gives but a learner needs: a Service whose selector matches nothing, and a named
// Service port that no selected pod serves. When no selected pod declares a named targetPort, the EndpointSlice
// controller silently leaves that port out of every slice (FindPort fails), so traffic to it is rejected
// even though the Service "has endpoints".
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
  addedCauses: ReadonlyMap<string, Place> = new Map(),
): void {
  services.forEach((service, s) => {
    if (service.selector === null || service.type === 'ExternalName') return;
    const selected = index.select(service.namespace, service.selector);
    if (selected.length === 0) {
      const place = targetPortPlaces[s]?.[0];
      if (place === undefined || Object.keys(service.selector).length === 0) return;
      const text = `the selector ${JSON.stringify(service.selector)} matches no pod in namespace ${service.namespace}: the Service has no endpoints, so kube-proxy rejects its traffic`;
      // A Service the cluster adds has no line: the warning goes where its pods went missing.
      const cause =
        service.source.document < 0 ? addedCauses.get(`${service.namespace}/${service.name}`) : undefined;
      if (cause !== undefined)
        diags.warning(cause, `Service ${service.namespace}/${service.name}, which the cluster adds: ${text}`);
      else
        diags.warning(
          { document: place.document, line: place.line, column: place.column, field: 'spec.selector' },
          text,
        );
      return;
    }
    service.ports.forEach((port, p) => {
      const place = targetPortPlaces[s]?.[p];
      if (place === undefined) return;
      if (typeof port.targetPort === 'string') {
        if (selected.some((i) => resolveTargetPort(pods[i]!, port) !== null)) return;
        diags.warning(
          place,
          `a Service port that no pod serves: none of the ${selected.length} selected pod(s) has a ${port.protocol} container port named ${JSON.stringify(port.targetPort)}, so this port gets no endpoints`,
        );
        return;
      }
      // A numeric targetPort always gets endpoints, and the pod listens there (engine/cluster/open-ports.ts:
      // a containerPort is informational in Kubernetes, so the port a Service targets is taken as open).
    });
  });
}
