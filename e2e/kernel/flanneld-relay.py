#!/usr/bin/env python3
# The kernel lab's stand-in for flanneld's udp backend (flannel pkg/backend/udp/proxy_amd64.c), run inside a
# node's namespace with `ip netns exec`. It attaches to the TUN device the lab created (`ip tuntap add dev
# flannel0 mode tun`, so IFF_TUN | IFF_NO_PI: bare IP packets), binds a UDP socket to the node's address
# and port, and relays the way run_proxy does:
#   flannel0 → UDP: read one IP packet, find the lease holding its destination (first match, like
#                   find_route), lower the TTL (dropped at 0, no ICMP), sendto() the peer's flanneld;
#                   no lease: an ICMP net unreachable from the TUN address is written back into flannel0
#                   (send_net_unreachable, TTL 8, not about ICMP packets or later fragments).
#   UDP → flannel0: recv one datagram, lower the TTL, write its payload into flannel0.
# usage: flanneld-relay.py TUN TUN_ADDR LISTEN_IP PORT MTU SUBNET/PREFIX=PEER_IP … ; prints "ready".
import fcntl
import os
import select
import socket
import struct
import sys

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def with_lower_ttl(packet: bytes) -> bytes | None:
    """decrement_ttl: None when the TTL reaches 0; the header checksum is computed again."""
    ttl = packet[8] - 1
    if ttl <= 0:
        return None
    ihl = (packet[0] & 15) * 4
    header = bytearray(packet[:ihl])
    header[8] = ttl
    header[10:12] = b"\0\0"
    header[10:12] = struct.pack("!H", checksum(bytes(header)))
    return bytes(header) + packet[ihl:]


def net_unreachable(packet: bytes, tun_addr: bytes) -> bytes | None:
    ihl = (packet[0] & 15) * 4
    if packet[9] == 1 or (struct.unpack("!H", packet[6:8])[0] & 0x1FFF) != 0:
        return None
    quoted = packet[: ihl + 8]
    icmp = bytearray(struct.pack("!BBHI", 3, 0, 0, 0) + quoted)
    icmp[2:4] = struct.pack("!H", checksum(bytes(icmp)))
    total = 20 + len(icmp)
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 0, 0, 8, 1, 0, tun_addr, packet[12:16]))
    ip[10:12] = struct.pack("!H", checksum(bytes(ip)))
    return bytes(ip) + bytes(icmp)


def main(argv: list[str]) -> None:
    tun_name, tun_addr_text, listen_ip, port_text, mtu_text, *route_args = argv
    port = int(port_text)
    mtu = int(mtu_text)
    tun_addr = socket.inet_aton(tun_addr_text)
    routes = []
    for arg in route_args:
        subnet, peer = arg.split("=")
        net_text, prefix_text = subnet.split("/")
        mask = (0xFFFFFFFF << (32 - int(prefix_text))) & 0xFFFFFFFF
        net = struct.unpack("!I", socket.inet_aton(net_text))[0] & mask
        routes.append((net, mask, (peer, port)))

    tun = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(tun, TUNSETIFF, struct.pack("16sH", tun_name.encode(), IFF_TUN | IFF_NO_PI))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((listen_ip, port))
    print("ready", flush=True)

    while True:
        readable, _, _ = select.select([tun, sock], [], [])
        if tun in readable:
            packet = os.read(tun, mtu)
            if len(packet) >= 20:
                dst = struct.unpack("!I", packet[16:20])[0]
                peer = next((p for net, mask, p in routes if dst & mask == net), None)
                if peer is None:
                    reply = net_unreachable(packet, tun_addr)
                    if reply is not None:
                        os.write(tun, reply)
                else:
                    lowered = with_lower_ttl(packet)
                    if lowered is not None:
                        sock.sendto(lowered, peer)
        if sock in readable:
            packet = sock.recv(mtu)
            if len(packet) >= 20:
                lowered = with_lower_ttl(packet)
                if lowered is not None:
                    os.write(tun, lowered)


if __name__ == "__main__":
    main(sys.argv[1:])
