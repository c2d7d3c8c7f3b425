// Deterministic stand-ins for the values a real node draws at random when it starts a pod sandbox.
//
// On a real node every one of these is random, so two runs of the same cluster never match:
// - the sandbox (pause) container ID is 32 random bytes in hex (containerd `pkg/identity` / runc);
// - the netns path is `/var/run/netns/cni-` + 16 random bytes shaped like a UUID (containerd
//   `pkg/netns/netns_linux.go` NewNetNS: `fmt.Sprintf("cni-%x-%x-%x-%x-%x", b[0:4], b[4:6], …)`, no
//   version bits, so it is only UUID-*shaped*);
// - the host veth is `veth` + 4 random bytes in hex (plugins `pkg/ip/link_linux.go` RandomVethName);
// - veth and bridge MACs come from the kernel's eth_random_addr: random bytes with the multicast bit
//   cleared and the locally-administered bit set.
// Podpath derives them from a SHA-256 of stable names instead, so a scenario gives the same IDs, names
// and MACs in every run, share link and golden file, while keeping each value's real shape.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256Ascii } from '../hash/sha256-ascii';

/** SHA-256 of the text; the ASCII fast path's buffer is reused, so each caller reads it at once. */
function digest(text: string): Uint8Array {
  return sha256Ascii(text) ?? sha256(utf8ToBytes(text));
}

/** 64 lowercase hex characters, like a containerd sandbox ID: sha256 of `namespace/name`. */
export function sandboxContainerId(namespace: string, name: string): string {
  return bytesToHex(digest(`${namespace}/${name}`));
}

/** `/var/run/netns/cni-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, the path containerd gives CNI_NETNS. */
export function podNetnsPath(namespace: string, name: string): string {
  const hex = bytesToHex(digest(`netns:${namespace}/${name}`).subarray(0, 16));
  return `/var/run/netns/cni-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The `ip netns` name of a pod namespace: the last path element (`cni-…`), as iproute2 shows it. */
export function netnsNameOfPath(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Host end of the pod's veth pair: `veth` + 8 lowercase hex (RandomVethName's form, 15 chars max). */
export function hostVethName(containerId: string, ifname: string): string {
  return `veth${bytesToHex(digest(`veth:${containerId}/${ifname}`).subarray(0, 4))}`;
}

/**
 * A locally administered unicast MAC for interface `ifname` in namespace `netnsId`: bit 0 of the
 * first octet cleared (unicast) and bit 1 set (local), exactly what eth_random_addr produces.
 */
export function deterministicMac(netnsId: string, ifname: string): string {
  const b = digest(`mac:${netnsId}/${ifname}`);
  const first = (b[0]! & 0xfe) | 0x02;
  const octets = [first, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!];
  return octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
}

/** The simulator's own id of a node's network namespace (the root namespace of that host). */
export function nodeNetnsId(nodeName: string): string {
  return `node/${nodeName}`;
}

/** The simulator's own id of a pod's network namespace, keyed by `namespace/name`. */
export function podNetnsId(key: string): string {
  return `pod/${key}`;
}
