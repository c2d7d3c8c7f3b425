// podpath.dev/v1alpha1 Flow: a connection the scenario asks to trace. `from` names a client
// (`pod/NS/NAME`, `node/NAME`, `external/IP`); `to` is a destination the tracer resolves
// (`IP:PORT`, `svc/NS/NAME:PORT`, …), so only its presence is checked here.
import { parseIpv4 } from '../net/ipv4';
import type { FlowSpec } from '../model/scenario';
import type { Place } from './diagnostics';
import { readMetadata } from './metadata';
import { dns1123SubdomainError, invalidValue } from './names';
import type { ObjectFields } from './object-fields';
import { PROTOCOLS } from './pod-spec';

const FROM = /^(pod\/[^/\s]+\/[^/\s]+|node\/[^/\s]+|external\/[^/\s]+)$/;

export function readFlow(object: ObjectFields): { flow: FlowSpec; place: Place } | null {
  const meta = readMetadata(object, { namespaced: false, nameError: dns1123SubdomainError });
  const spec = object.map('spec');
  const from = spec.string('from');
  const to = spec.string('to');
  let ok = meta !== null;
  if (from === null || from === '') {
    if (!spec.has('from')) spec.error('from', 'Required value: pod/NAMESPACE/NAME, node/NAME or external/IP');
    ok = false;
  } else if (
    !FROM.test(from) ||
    (from.startsWith('external/') && parseIpv4(from.slice('external/'.length)) === null)
  ) {
    spec.error('from', invalidValue(from, 'expected pod/NAMESPACE/NAME, node/NAME or external/IPV4'));
    ok = false;
  }
  if (to === null || to.trim() === '') {
    if (!spec.has('to')) spec.error('to', 'Required value: IP:PORT or svc/NAMESPACE/NAME:PORT');
    ok = false;
  }
  const protocol = spec.oneOf('protocol', PROTOCOLS, 'TCP');
  // An IP packet: at least the 20-byte header and 8 bytes of TCP/UDP, at most 65535.
  const size = spec.int('size', 28, 65535);
  if (!ok || meta === null || from === null || to === null) return null;
  return {
    flow: { name: meta.name, from, to: to.trim(), protocol, size, source: meta.source },
    place: meta.metadata.place('name'),
  };
}
