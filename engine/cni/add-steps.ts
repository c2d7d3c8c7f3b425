// The CNI ADD (and DEL) of one pod as the process it is on a flannel node, step by step, in the order the
// runtime and the plugin chain act: containerd creates the sandbox's netns before calling any plugin (SPEC
// "Lifecycle"); the flannel plugin reads /run/flannel/subnet.env, saves the bridge delegate it renders and
// runs the bridge plugin with it (flannel-io/cni-plugin flannel_linux.go doCmdAdd); bridge.go cmdAdd then
// ensures cni0, creates the veth pair from inside the netns (eth0 there, the host end made directly in the
// host netns), puts the host end on cni0 with hairpin mode, runs host-local, configures eth0's address and
// routes, gives cni0 the gateway address and prints the result, which flannel and portmap pass on.
// DEL runs the plugins in reverse order and releases the address (bridge.go cmdDel: IPAM first).
import type { NodeSpec, PodSpec, Scenario } from '../model/scenario';
import { type Cidr, formatCidr, formatIpv4, type Ipv4 } from '../net/ipv4';
import { renderSubnetEnv, subnetEnvFor } from '../overlay/subnet-env';
import { FLANNEL_NETWORK_NAME, podKey, POD_IFNAME } from './allocate';
import { BRIDGE_NAME, type PodAttachment, podAttachment } from './attachment';
import { bridgeDelegate, FLANNEL_CONFLIST, FLANNEL_DATA_DIR, renderBridgeDelegate } from './flannel-delegate';
import { canonicaliseRange, HostLocalIpam } from './host-local';
import {
  type PortMapping,
  podPortMappings,
  portmapChainName,
  portmapCommands,
  portmapRules,
  portmapTeardownCommands,
} from './portmap';
import { netnsNameOfPath, nodeNetnsId, podNetnsId, sandboxContainerId } from '../model/ids';

export type CniPlugin = 'runtime' | 'flannel' | 'bridge' | 'host-local' | 'portmap';

/** The steps, named for what they do; the app draws each one. */
export type CniStepKind =
  | 'netns'
  | 'exec'
  | 'subnet-env'
  | 'delegate'
  | 'bridge'
  | 'veth'
  | 'attach'
  | 'ipam'
  | 'address'
  | 'routes'
  | 'gateway'
  | 'result'
  | 'portmap'
  | 'release'
  | 'veth-delete'
  | 'netns-delete';

export interface CniFile {
  readonly path: string;
  readonly op: 'read' | 'write' | 'delete';
  /** The file's text (written or read); absent for a delete. */
  readonly content?: string;
}

export interface CniStep {
  readonly kind: CniStepKind;
  readonly plugin: CniPlugin;
  /** The namespace it acts in (`node/NAME` or `pod/NS/NAME`). */
  readonly netns: string;
  /** Devices it creates or changes, by name, in that namespace or the other one named in `commands`. */
  readonly devices: readonly string[];
  /** What it does as commands a person could type (iproute2, sysctl) on the node. */
  readonly commands: readonly string[];
  readonly files: readonly CniFile[];
  readonly why: string;
}

export interface CniProcess {
  readonly command: 'ADD' | 'DEL';
  readonly pod: string;
  readonly node: string;
  readonly containerId: string;
  readonly steps: readonly CniStep[];
}

const CONFLIST_PATH = '/etc/cni/net.d/10-flannel.conflist';
const SUBNET_ENV_PATH = '/run/flannel/subnet.env';
const HOST_LOCAL_DIR = `/var/lib/cni/networks/${FLANNEL_NETWORK_NAME}`;

/** What this node's host-local had reserved before the pod's ADD, and its reservation (replayed in sandbox order). */
interface IpamReplay {
  readonly lastBefore: Ipv4 | null;
  readonly ip: Ipv4;
  readonly filesAfter: ReadonlyMap<string, string>;
}

function replayHostLocal(node: NodeSpec, sandboxes: readonly PodSpec[], pod: PodSpec): IpamReplay | null {
  const ipam = new HostLocalIpam(FLANNEL_NETWORK_NAME, [canonicaliseRange(node.podCIDR)]);
  for (const p of sandboxes) {
    const lastBefore = ipam.lastReservedIP();
    const got = ipam.add(sandboxContainerId(p.namespace, p.name), POD_IFNAME, p.requestedIP);
    if (p !== pod) continue;
    return got.ok ? { lastBefore, ip: got.ip, filesAfter: ipam.dataDirView() } : null;
  }
  return null;
}

function cniArgs(pod: PodSpec, containerId: string): string {
  return `IgnoreUnknown=1;K8S_POD_NAMESPACE=${pod.namespace};K8S_POD_NAME=${pod.name};K8S_POD_INFRA_CONTAINER_ID=${containerId}`;
}

function env(command: 'ADD' | 'DEL', a: PodAttachment, pod: PodSpec): string {
  return `CNI_COMMAND=${command} CNI_CONTAINERID=${a.containerId} CNI_NETNS=${a.netnsPath} CNI_IFNAME=${a.ifname} CNI_ARGS='${cniArgs(pod, a.containerId)}' CNI_PATH=/opt/cni/bin`;
}

/**
 * The ADD of `pod` (scheduled on `node`, whose CNI sandboxes in start order are `sandboxes`), which got
 * `ip` from the cluster's addressing (`hasAddress` says which earlier sandboxes got one). Throws if the
 * replay disagrees with that address.
 */
export function cniAddProcess(
  scenario: Scenario,
  node: NodeSpec,
  sandboxes: readonly PodSpec[],
  pod: PodSpec,
  ip: Ipv4,
  hasAddress: (earlier: PodSpec) => boolean,
): CniProcess {
  const a = podAttachment(node, pod, ip);
  const nodeNs = nodeNetnsId(node.name);
  const podNs = podNetnsId(podKey(pod));
  const nsName = netnsNameOfPath(a.netnsPath);
  const subnetEnv = subnetEnvFor(scenario, node);
  const delegate = bridgeDelegate(subnetEnv);
  const replay = replayHostLocal(node, sandboxes, pod);
  if (!replay || replay.ip !== ip)
    throw new Error(`host-local replay on ${node.name} does not give ${podKey(pod)} ${formatIpv4(ip)}`);
  const index = sandboxes.indexOf(pod);
  // ensureBridge runs before IPAM, so any earlier sandbox made cni0; only a successful one gave it an address.
  const bridgeExists = index > 0;
  const gatewaySet = sandboxes.slice(0, index).some(hasAddress);
  const cidr = `${formatIpv4(a.ip)}/${a.prefix}`;
  const gw = formatIpv4(a.gateway);
  const network: Cidr = scenario.flannel.network;
  const ipFile = `${HOST_LOCAL_DIR}/${formatIpv4(ip)}`;
  const start =
    replay.lastBefore === null ? 'the start of the range' : `${formatIpv4(replay.lastBefore)} + 1`;
  const mappings = podPortMappings(pod);
  const steps: CniStep[] = [
    {
      kind: 'netns',
      plugin: 'runtime',
      netns: podNs,
      devices: ['lo'],
      commands: [`ip netns add ${nsName}`],
      files: [],
      why: `containerd creates the sandbox's network namespace ${a.netnsPath} before any plugin runs: only lo, down`,
    },
    {
      kind: 'exec',
      plugin: 'runtime',
      netns: nodeNs,
      devices: [],
      commands: [`${env('ADD', a, pod)} /opt/cni/bin/flannel < (plugin 1 of ${CONFLIST_PATH})`],
      files: [{ path: CONFLIST_PATH, op: 'read', content: JSON.stringify(FLANNEL_CONFLIST, null, 2) }],
      why: `the kubelet's runtime runs the conflist's first plugin, flannel, with the network config on stdin and the sandbox in CNI_* variables`,
    },
    {
      kind: 'subnet-env',
      plugin: 'flannel',
      netns: nodeNs,
      devices: [],
      commands: [`cat ${SUBNET_ENV_PATH}`],
      files: [{ path: SUBNET_ENV_PATH, op: 'read', content: renderSubnetEnv(subnetEnv) }],
      why: `flannel reads the file flanneld wrote: this node's subnet ${formatCidr(subnetEnv.subnet)}, MTU ${subnetEnv.mtu}, and that flanneld masquerades (so the bridge must not)`,
    },
    {
      kind: 'delegate',
      plugin: 'flannel',
      netns: nodeNs,
      devices: [],
      commands: [`/opt/cni/bin/bridge < ${FLANNEL_DATA_DIR}/${a.containerId}`],
      files: [
        {
          path: `${FLANNEL_DATA_DIR}/${a.containerId}`,
          op: 'write',
          content: renderBridgeDelegate(subnetEnv),
        },
      ],
      why: `flannel renders the bridge delegate (type bridge, mtu ${delegate.mtu}, hairpinMode, isGateway, host-local over ${formatCidr(subnetEnv.subnet)}), saves it for DEL and runs the bridge plugin with it`,
    },
    {
      kind: 'bridge',
      plugin: 'bridge',
      netns: nodeNs,
      devices: [BRIDGE_NAME],
      commands: bridgeExists
        ? [`ip link show ${BRIDGE_NAME}`]
        : [`ip link add ${BRIDGE_NAME} mtu ${delegate.mtu} type bridge`, `ip link set ${BRIDGE_NAME} up`],
      files: [],
      why: bridgeExists
        ? `ensureBridge finds ${BRIDGE_NAME}, made by an earlier sandbox on ${node.name} (the add fails with EEXIST, which it ignores)`
        : `ensureBridge creates ${BRIDGE_NAME} (the first sandbox on ${node.name}) with MTU ${delegate.mtu} and sets it up`,
    },
    {
      kind: 'veth',
      plugin: 'bridge',
      netns: podNs,
      devices: [a.ifname, a.hostVeth],
      commands: [
        `ip -n ${nsName} link add ${a.ifname} mtu ${delegate.mtu} type veth peer name ${a.hostVeth} netns 1`,
        `ip link set ${a.hostVeth} up`,
      ],
      files: [],
      why: `from inside the sandbox's netns, SetupVeth creates the pair: ${a.ifname} stays there (created with that name, not renamed) and its peer ${a.hostVeth} is made in the host netns`,
    },
    {
      kind: 'attach',
      plugin: 'bridge',
      netns: nodeNs,
      devices: [a.hostVeth, BRIDGE_NAME],
      commands: [
        `ip link set ${a.hostVeth} master ${BRIDGE_NAME}`,
        `ip link set ${a.hostVeth} type bridge_slave hairpin on`,
      ],
      files: [],
      why: `the host end joins ${BRIDGE_NAME}, with hairpin mode on (the delegate's hairpinMode), so a pod reaching its own Service through kube-proxy's DNAT gets its packet back on the same port`,
    },
    {
      kind: 'ipam',
      plugin: 'host-local',
      netns: nodeNs,
      devices: [],
      commands: [`/opt/cni/bin/host-local (CNI_COMMAND=ADD, ipam ${JSON.stringify(delegate.ipam)})`],
      files: [
        ...(replay.lastBefore === null
          ? []
          : [
              {
                path: `${HOST_LOCAL_DIR}/last_reserved_ip.0`,
                op: 'read' as const,
                content: formatIpv4(replay.lastBefore),
              },
            ]),
        { path: ipFile, op: 'write', content: replay.filesAfter.get(ipFile)! },
        { path: `${HOST_LOCAL_DIR}/last_reserved_ip.0`, op: 'write', content: formatIpv4(ip) },
      ],
      why:
        pod.requestedIP !== null
          ? `host-local reserves the requested ${formatIpv4(ip)} (CNI_ARGS IP=) under its lock`
          : `host-local takes the next free address of ${formatCidr(node.podCIDR)} from ${start}, skipping the gateway ${gw}: ${formatIpv4(ip)}; it records the holder in a file named by the address and the address in last_reserved_ip.0`,
    },
    {
      kind: 'address',
      plugin: 'bridge',
      netns: podNs,
      devices: [a.ifname],
      commands: [
        `ip -n ${nsName} addr add ${cidr} dev ${a.ifname}`,
        `ip -n ${nsName} link set ${a.ifname} up`,
      ],
      files: [],
      why: `inside the netns, ConfigureIface gives ${a.ifname} host-local's address ${cidr} and sets it up (the kernel adds the route to ${formatCidr(node.podCIDR)})`,
    },
    {
      kind: 'routes',
      plugin: 'bridge',
      netns: podNs,
      devices: [a.ifname],
      commands: [
        `ip -n ${nsName} route add ${formatCidr(network)} via ${gw} dev ${a.ifname}`,
        `ip -n ${nsName} route add default via ${gw} dev ${a.ifname}`,
      ],
      files: [],
      why: `then the result's routes, each via the gateway ${gw}: host-local's ${formatCidr(network)} (the flannel network) and the default route isDefaultGateway added`,
    },
    {
      kind: 'gateway',
      plugin: 'bridge',
      netns: nodeNs,
      devices: [BRIDGE_NAME],
      commands: gatewaySet
        ? [`ip addr show dev ${BRIDGE_NAME}`, 'sysctl -w net.ipv4.ip_forward=1']
        : [`ip addr add ${gw}/${a.prefix} dev ${BRIDGE_NAME}`, 'sysctl -w net.ipv4.ip_forward=1'],
      files: [],
      why: gatewaySet
        ? `isGateway: ${BRIDGE_NAME} already has the gateway ${gw}/${a.prefix}; IP forwarding is on`
        : `isGateway: ${BRIDGE_NAME} takes the gateway address ${gw}/${a.prefix} (and with it the route to ${formatCidr(node.podCIDR)} on the node); IP forwarding is turned on`,
    },
    {
      kind: 'result',
      plugin: 'bridge',
      netns: nodeNs,
      devices: [],
      commands: [],
      files: [],
      why:
        mappings.length === 0
          ? `bridge prints the result (interfaces ${BRIDGE_NAME}, ${a.hostVeth}, ${a.ifname}; ip ${cidr} gateway ${gw}); flannel and then portmap (no port mappings) pass it on, and the runtime keeps it for DEL`
          : `bridge prints the result (interfaces ${BRIDGE_NAME}, ${a.hostVeth}, ${a.ifname}; ip ${cidr} gateway ${gw}); flannel passes it on to the runtime, which runs the conflist's second plugin with it`,
    },
  ];
  if (mappings.length > 0) {
    const list = mappings
      .map((m) => `${m.hostPort}/${m.protocol} → ${formatIpv4(ip)}:${m.containerPort}`)
      .join(', ');
    steps.push({
      kind: 'portmap',
      plugin: 'portmap',
      netns: nodeNs,
      devices: [],
      commands: [
        `${env('ADD', a, pod)} /opt/cni/bin/portmap < (plugin 2 of ${CONFLIST_PATH}, runtimeConfig ${JSON.stringify({ portMappings: mappings.map(portMappingJson) })}, prevResult)`,
        ...portmapCommands(portmapRules(FLANNEL_NETWORK_NAME, a.containerId, ip, a.prefix, mappings)),
      ],
      files: [],
      why: `the pod asks for hostPorts, which containerd passes as the portMappings capability: portmap DNATs them (${list}) in ${portmapChainName(FLANNEL_NETWORK_NAME, a.containerId)}, reached from PREROUTING and OUTPUT through CNI-HOSTPORT-DNAT for local destinations after kube-proxy's KUBE-SERVICES; a client on the pod's own subnet or on 127.0.0.1 is marked 0x2000 and masqueraded in POSTROUTING; then it prints the result it was given`,
    });
  }
  return { command: 'ADD', pod: podKey(pod), node: node.name, containerId: a.containerId, steps };
}

/** The DEL of a pod that ADD attached: plugins in reverse order, the address released, the netns gone. */
export function cniDelProcess(scenario: Scenario, node: NodeSpec, pod: PodSpec, ip: Ipv4): CniProcess {
  const a = podAttachment(node, pod, ip);
  const nodeNs = nodeNetnsId(node.name);
  const podNs = podNetnsId(podKey(pod));
  const nsName = netnsNameOfPath(a.netnsPath);
  const saved = `${FLANNEL_DATA_DIR}/${a.containerId}`;
  const mappings = podPortMappings(pod);
  const teardown =
    mappings.length === 0
      ? []
      : portmapTeardownCommands(
          FLANNEL_NETWORK_NAME,
          a.containerId,
          portmapRules(FLANNEL_NETWORK_NAME, a.containerId, ip, a.prefix, mappings),
        );
  const steps: CniStep[] = [
    {
      kind: 'exec',
      plugin: 'runtime',
      netns: nodeNs,
      devices: [],
      commands: [`${env('DEL', a, pod)} /opt/cni/bin/portmap, then /opt/cni/bin/flannel`, ...teardown],
      files: [],
      why:
        mappings.length === 0
          ? 'the runtime runs DEL through the chain in reverse: portmap first (no mappings, nothing to remove), then flannel, each with the stored ADD result as prevResult'
          : `the runtime runs DEL through the chain in reverse: portmap first, which flushes and deletes ${portmapChainName(FLANNEL_NETWORK_NAME, a.containerId)} and its jump from CNI-HOSTPORT-DNAT (the shared chains stay), then flannel, each with the stored ADD result as prevResult`,
    },
    {
      kind: 'delegate',
      plugin: 'flannel',
      netns: nodeNs,
      devices: [],
      commands: [`/opt/cni/bin/bridge < ${saved}`],
      files: [{ path: saved, op: 'read', content: renderBridgeDelegate(subnetEnvFor(scenario, node)) }],
      why: 'flannel reads the delegate it saved at ADD and runs the bridge plugin with it',
    },
    {
      kind: 'release',
      plugin: 'host-local',
      netns: nodeNs,
      devices: [],
      commands: [`/opt/cni/bin/host-local (CNI_COMMAND=DEL)`],
      files: [{ path: `${HOST_LOCAL_DIR}/${formatIpv4(ip)}`, op: 'delete' }],
      why: `bridge releases the address first: host-local deletes the file holding ${formatIpv4(ip)}; last_reserved_ip.0 stays, so the address is not handed out again until the range wraps round`,
    },
    {
      kind: 'veth-delete',
      plugin: 'bridge',
      netns: podNs,
      devices: [a.ifname, a.hostVeth],
      commands: [`ip -n ${nsName} link del ${a.ifname}`],
      files: [],
      why: `inside the netns bridge deletes ${a.ifname}; its peer ${a.hostVeth} goes with it and leaves ${BRIDGE_NAME}, which is never deleted`,
    },
    {
      kind: 'delegate',
      plugin: 'flannel',
      netns: nodeNs,
      devices: [],
      commands: [`rm ${saved}`],
      files: [{ path: saved, op: 'delete' }],
      why: 'flannel removes the saved delegate once the bridge DEL succeeded',
    },
    {
      kind: 'netns-delete',
      plugin: 'runtime',
      netns: podNs,
      devices: ['lo'],
      commands: [`ip netns del ${nsName}`],
      files: [],
      why: `the runtime removes the sandbox's network namespace ${a.netnsPath}`,
    },
  ];
  return { command: 'DEL', pod: podKey(pod), node: node.name, containerId: a.containerId, steps };
}

/** A portMappings entry as the runtime writes it in runtimeConfig (hostIP only when given). */
function portMappingJson(m: PortMapping): Record<string, string | number> {
  return {
    hostPort: m.hostPort,
    containerPort: m.containerPort,
    protocol: m.protocol,
    ...(m.hostIP !== '' && { hostIP: m.hostIP }),
  };
}

/** `podpath cni --steps`: one numbered paragraph per step, with its commands and files. */
export function cniProcessText(p: CniProcess): string {
  let out = `CNI ${p.command} of pod ${p.pod} on ${p.node} (container ${p.containerId.slice(0, 12)}…)\n`;
  p.steps.forEach((s, i) => {
    out += `${String(i + 1).padStart(2)}. ${s.kind.padEnd(12)} [${s.plugin}] ${s.why}\n`;
    for (const c of s.commands) out += `      $ ${c}\n`;
    for (const f of s.files) {
      const content = f.content === undefined ? '' : `: ${JSON.stringify(f.content)}`;
      out += `      ${f.op} ${f.path}${f.path.startsWith(CONFLIST_PATH) ? '' : content}\n`;
    }
  });
  return out;
}
