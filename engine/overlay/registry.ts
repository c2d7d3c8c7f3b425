// Every flannel backend the simulator knows, by its net-conf.json `Backend.Type`. Adding a backend is a
// folder beside this file and one line here (see docs/architecture.md, "How to add a flannel backend").
import type { FlannelBackend } from '../model/scenario';
import type { FlannelBackendDriver } from './backend';
import { HOST_GW_BACKEND } from './host-gw/backend';
import { IPIP_BACKEND } from './ipip/backend';
import { UDP_BACKEND } from './udp/backend';
import { VXLAN_BACKEND } from './vxlan/backend';

export const FLANNEL_BACKENDS: Readonly<Record<FlannelBackend, FlannelBackendDriver>> = {
  vxlan: VXLAN_BACKEND,
  'host-gw': HOST_GW_BACKEND,
  udp: UDP_BACKEND,
  ipip: IPIP_BACKEND,
};

export function flannelBackend(type: FlannelBackend): FlannelBackendDriver {
  return FLANNEL_BACKENDS[type];
}

export function isFlannelBackend(type: string): type is FlannelBackend {
  return Object.hasOwn(FLANNEL_BACKENDS, type);
}
