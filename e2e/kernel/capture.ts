// Check 3's kernel side: tcpdump on every interface of the underlay namespace, written as pcap and read
// back here (Linux cooked capture v1 or v2, IPv4, TCP/UDP, VXLAN with its inner Ethernet frame, flannel's
// udp backend with the bare inner IP packet as the datagram's payload). Each packet is reduced to what the
// trace also states: addresses, protocol and, while encapsulated, the outer addresses, UDP destination
// port and (VXLAN) VNI. Ports of the inner packet are left out: the client's ephemeral
// port and --random-fully's masquerade port are random in both worlds.
import { readFileSync } from 'node:fs';

export interface WirePacket {
  readonly proto: 'tcp' | 'udp' | 'icmp' | string;
  readonly src: string;
  readonly dst: string;
  readonly outer: {
    readonly src: string;
    readonly dst: string;
    readonly dport: number;
    /** VXLAN's network identifier; null for flannel's udp encapsulation, which has no header of its own. */
    readonly vni: number | null;
  } | null;
}

export function wireSignature(p: WirePacket): string {
  const inner = `${p.proto} ${p.src} > ${p.dst}`;
  if (!p.outer) return inner;
  return p.outer.vni === null
    ? `flannel-udp ${p.outer.src} > ${p.outer.dst}:${p.outer.dport} [${inner}]`
    : `vxlan ${p.outer.src} > ${p.outer.dst}:${p.outer.dport} vni ${p.outer.vni} [${inner}]`;
}

/** Which UDP port carries the overlay and how: the scenario's flannel backend and its port. */
export interface OverlayPort {
  readonly backend: string;
  readonly port: number;
}

const LINKTYPE_LINUX_SLL = 113;
const LINKTYPE_LINUX_SLL2 = 276;
const LINKTYPE_ETHERNET = 1;

function ipText(b: Buffer, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

function protoName(n: number): string {
  return n === 6 ? 'tcp' : n === 17 ? 'udp' : n === 1 ? 'icmp' : `proto-${n}`;
}

/** Parses an IPv4 packet at `off`; the overlay's encapsulation (VXLAN or flannel udp) is opened once. */
function parseIpv4(b: Buffer, off: number, overlay: OverlayPort | null): WirePacket | null {
  if (off + 20 > b.length || b[off]! >> 4 !== 4) return null;
  const ihl = (b[off]! & 15) * 4;
  const proto = b[off + 9]!;
  const src = ipText(b, off + 12);
  const dst = ipText(b, off + 16);
  const l4 = off + ihl;
  if (proto === 17 && l4 + 8 <= b.length) {
    const dport = b.readUInt16BE(l4 + 2);
    const vx = l4 + 8;
    if (overlay?.backend === 'udp' && dport === overlay.port) {
      const inner = parseIpv4(b, vx, null);
      if (!inner) return null;
      return { ...inner, outer: { src, dst, dport, vni: null } };
    }
    if (
      overlay?.backend === 'vxlan' &&
      dport === overlay.port &&
      vx + 8 + 14 <= b.length &&
      (b[vx]! & 0x08) !== 0
    ) {
      const vni = (b[vx + 4]! << 16) | (b[vx + 5]! << 8) | b[vx + 6]!;
      const eth = vx + 8;
      if (b.readUInt16BE(eth + 12) !== 0x0800) return null;
      const inner = parseIpv4(b, eth + 14, null);
      if (!inner) return null;
      return { ...inner, outer: { src, dst, dport, vni } };
    }
  }
  return { proto: protoName(proto), src, dst, outer: null };
}

/** Every IPv4 packet of a pcap file: the frame and the offset of its IP header. */
function ipv4Frames(file: string): { frame: Buffer; ipOff: number }[] {
  const b = readFileSync(file);
  if (b.length < 24) return [];
  const magic = b.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const linktype = u32(20);
  const out: { frame: Buffer; ipOff: number }[] = [];
  let off = 24;
  while (off + 16 <= b.length) {
    const incl = u32(off + 8);
    const start = off + 16;
    // A record tcpdump is still writing (the DNS check reads the file while it grows).
    if (start + incl > b.length || incl < 20) break;
    const frame = b.subarray(start, start + incl);
    off = start + incl;
    let ethertype: number;
    let ipOff: number;
    if (linktype === LINKTYPE_LINUX_SLL2) {
      ethertype = frame.readUInt16BE(0);
      ipOff = 20;
    } else if (linktype === LINKTYPE_LINUX_SLL) {
      ethertype = frame.readUInt16BE(14);
      ipOff = 16;
    } else if (linktype === LINKTYPE_ETHERNET) {
      ethertype = frame.readUInt16BE(12);
      ipOff = 14;
    } else {
      throw new Error(`${file}: link type ${linktype} is not read by the lab`);
    }
    if (ethertype === 0x0800) out.push({ frame, ipOff });
  }
  return out;
}

export function readPcap(file: string, overlay: OverlayPort): WirePacket[] {
  const out: WirePacket[] = [];
  for (const { frame, ipOff } of ipv4Frames(file)) {
    const p = parseIpv4(frame, ipOff, overlay);
    if (p) out.push(p);
  }
  return out;
}

export interface UdpDatagram {
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
  readonly payload: Buffer;
}

/** The UDP datagrams of a pcap file (not opened further: the DNS check reads their payloads). */
export function readUdp(file: string): UdpDatagram[] {
  const out: UdpDatagram[] = [];
  for (const { frame: b, ipOff: off } of ipv4Frames(file)) {
    if (off + 20 > b.length || b[off]! >> 4 !== 4 || b[off + 9] !== 17) continue;
    const l4 = off + (b[off]! & 15) * 4;
    if (l4 + 8 > b.length) continue;
    const len = b.readUInt16BE(l4 + 4);
    out.push({
      src: ipText(b, off + 12),
      dst: ipText(b, off + 16),
      sport: b.readUInt16BE(l4),
      dport: b.readUInt16BE(l4 + 2),
      payload: b.subarray(l4 + 8, Math.min(b.length, l4 + len)),
    });
  }
  return out;
}
