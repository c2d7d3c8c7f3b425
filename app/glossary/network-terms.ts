// Glossary entries for the pod network: namespaces and devices, the CNI chain, flannel, netfilter.
import type { Term } from './entry';

export const NETWORK_TERMS: readonly Term[] = [
  // Namespaces and devices
  {
    term: 'netns',
    aliases: ['network namespace', 'namespace'],
    kernel: true,
    means:
      "A network namespace: a private copy of the kernel's network stack with its own devices, addresses, routes and rules.",
  },
  {
    term: 'veth',
    aliases: ['veth pair'],
    kernel: true,
    means:
      'A virtual Ethernet pair: two devices joined like a cable, so a frame sent into one end comes out of the other.',
  },
  {
    term: 'eth0',
    means:
      "The usual name of the first network device: inside a pod it is the pod's end of its veth pair, on a node the real NIC.",
  },
  {
    term: 'NIC',
    means: "Network interface card: the node's real device on the network that joins the nodes.",
  },
  {
    term: 'cni0',
    kernel: true,
    means:
      "The Linux bridge the CNI bridge plugin creates on each node; every pod's veth is plugged into it and it holds the pods' gateway address.",
  },
  {
    term: 'bridge',
    aliases: ['Linux bridge'],
    kernel: true,
    means:
      'A software Ethernet switch inside the kernel: it forwards frames between its ports by destination MAC address.',
  },
  {
    term: 'FDB',
    aliases: ['forwarding database', 'bridge fdb'],
    kernel: true,
    means:
      'The forwarding database: the table of which MAC address lives behind which port (for a bridge) or which remote node (for a VXLAN device).',
  },
  {
    term: 'MAC',
    aliases: ['MAC address'],
    means: 'The Ethernet address of a device, used to deliver a frame on one link.',
  },
  {
    term: 'ARP',
    kernel: true,
    means:
      'Address Resolution Protocol: a broadcast question "who has this IP address?" whose answer is the MAC address to send the frame to.',
  },
  {
    term: 'neighbour',
    aliases: ['neighbor', 'ip neigh'],
    kernel: true,
    means:
      "The kernel's table of next-hop IP addresses and their MAC addresses, filled by ARP or written by hand (flannel writes permanent entries).",
  },
  {
    term: 'route',
    aliases: ['routing', 'ip route', 'routing decision'],
    kernel: true,
    means:
      'The kernel picks the most specific matching route for the destination; it names the device to leave by and the next hop.',
  },
  {
    term: 'longest prefix match',
    means:
      'Among all routes that contain the destination, the one with the longest prefix (the most specific) wins.',
  },
  {
    term: 'underlay',
    means: 'The real network between the nodes; an overlay such as VXLAN carries pod traffic across it.',
  },
  { term: 'br0', means: "In Podpath's lab, the switch that stands for the network joining the nodes." },
  {
    term: 'hairpin',
    aliases: ['hairpin mode'],
    means:
      'A bridge setting that lets a frame go back out of the port it came in on, so a pod can reach itself through its own Service.',
  },
  {
    term: 'br_netfilter',
    kernel: true,
    means:
      'A kernel module that makes bridged frames pass through iptables, so Services work for pods on the same bridge.',
  },
  // CNI
  {
    term: 'CNI',
    kernel: true,
    means:
      "Container Network Interface: the plugin contract the kubelet's runtime calls to give a new pod its network (ADD) and to take it away (DEL).",
  },
  {
    term: 'CNI ADD',
    means:
      'The call the container runtime makes when a pod starts: the plugins create its interface and hand it an address.',
  },
  {
    term: 'host-local',
    kernel: true,
    means:
      "The CNI IPAM plugin that hands out addresses from the node's range and records each one in a file on the node.",
  },
  { term: 'IPAM', means: "IP address management: the part of CNI that picks the pod's address." },
  {
    term: 'podCIDR',
    aliases: ['pod CIDR'],
    means: 'The block of pod addresses given to one node, for example 10.244.1.0/24.',
  },
  // flannel
  {
    term: 'flannel',
    means:
      'A simple Kubernetes network add-on: it gives each node a pod subnet and connects the subnets with VXLAN, host-gw or UDP.',
  },
  {
    term: 'flanneld',
    means:
      "flannel's agent on each node; it writes the routes, neighbour and FDB entries, and in UDP mode it carries the packets itself.",
  },
  {
    term: 'flannel.1',
    kernel: true,
    means:
      "flannel's VXLAN device on each node: packets routed into it are wrapped in UDP and sent to the other node.",
  },
  {
    term: 'flannel0',
    kernel: true,
    means: "flannel's TUN device in UDP mode: packets routed into it are read by flanneld in user space.",
  },
  {
    term: 'TUN',
    aliases: ['TUN device'],
    kernel: true,
    means:
      'A virtual device whose packets go to a user-space program instead of a wire; it carries bare IP packets with no Ethernet header.',
  },
  {
    term: 'VXLAN',
    kernel: true,
    means:
      'Virtual Extensible LAN: an Ethernet frame carried inside a UDP datagram between two hosts (flannel uses UDP port 8472).',
  },
  {
    term: 'VTEP',
    means: 'VXLAN tunnel endpoint: the device that wraps and unwraps VXLAN packets (flannel.1 on each node).',
  },
  {
    term: 'VNI',
    kernel: true,
    means:
      'VXLAN network identifier: the number in the VXLAN header that says which virtual network the frame belongs to (flannel uses 1).',
  },
  {
    term: 'encapsulation',
    aliases: ['encapsulate', 'encapsulated', 'vxlan-encap'],
    kernel: true,
    means:
      'Wrapping a packet inside another packet with new outer headers, so it can cross a network that knows nothing of the inner addresses.',
  },
  {
    term: 'decapsulation',
    aliases: ['vxlan-decap'],
    means: 'Removing the outer headers at the far end, so the original packet continues on its way.',
  },
  {
    term: 'outer header',
    aliases: ['outer'],
    means: 'The headers added by encapsulation; the network between the nodes sees only these.',
  },
  {
    term: 'MTU',
    kernel: true,
    means:
      'Maximum transmission unit: the largest packet a device sends in one piece; tunnels lower it by the size of their headers.',
  },
  {
    term: 'host-gw',
    kernel: true,
    means:
      "flannel's backend with no tunnel: each node has a plain route to every other node's pod subnet via that node's address.",
  },
  // netfilter
  {
    term: 'netfilter',
    kernel: true,
    means: "The kernel's packet-filtering framework; iptables and nftables rules hang on its hooks.",
  },
  {
    term: 'hook',
    aliases: ['hooks'],
    means: "A fixed point in the kernel's packet path where netfilter runs the rules registered there.",
  },
  {
    term: 'PREROUTING',
    aliases: ['prerouting'],
    kernel: true,
    means:
      "The netfilter hook every arriving packet meets before the routing decision; kube-proxy's DNAT happens here.",
  },
  {
    term: 'INPUT',
    aliases: ['input'],
    kernel: true,
    means: 'The netfilter hook for packets addressed to this namespace itself.',
  },
  {
    term: 'FORWARD',
    aliases: ['forward'],
    kernel: true,
    means: 'The netfilter hook for packets this node routes on to somewhere else.',
  },
  {
    term: 'OUTPUT',
    aliases: ['output'],
    kernel: true,
    means: 'The netfilter hook for packets created by a program in this namespace.',
  },
  {
    term: 'POSTROUTING',
    aliases: ['postrouting'],
    kernel: true,
    means:
      'The last netfilter hook before a packet leaves by a device; source NAT (MASQUERADE) happens here.',
  },
  {
    term: 'chain',
    means: 'An ordered list of rules; a rule may jump to another chain, and RETURN comes back.',
  },
  {
    term: 'iptables',
    kernel: true,
    means:
      'The classic tool and rule format for netfilter: tables of chains of rules, walked one rule at a time.',
  },
  {
    term: 'nftables',
    kernel: true,
    means:
      "netfilter's newer rule engine: tables with sets and maps, so one lookup can replace a long list of rules.",
  },
  {
    term: 'verdict map',
    aliases: ['vmap'],
    kernel: true,
    means:
      'An nftables map from a key (address, protocol, port) to a verdict such as "jump to this Service\'s chain", found in one lookup.',
  },
  {
    term: 'conntrack',
    aliases: ['connection tracking'],
    kernel: true,
    means:
      'Connection tracking: the kernel remembers each connection and its NAT, so replies are recognised and rewritten back.',
  },
  { term: 'NAT', means: "Network address translation: rewriting a packet's source or destination address." },
  {
    term: 'DNAT',
    kernel: true,
    means:
      "Destination NAT: the packet's destination address (and port) is rewritten, for example from a Service IP to a pod.",
  },
  {
    term: 'SNAT',
    kernel: true,
    means: "Source NAT: the packet's source address is rewritten, so replies come back through this node.",
  },
  {
    term: 'MASQUERADE',
    kernel: true,
    means: 'Source NAT to the address of the device the packet leaves by.',
  },
  {
    term: 'un-DNAT',
    means:
      "conntrack undoing a DNAT on the reply: the pod's address is replaced by the Service address the client asked for.",
  },
  {
    term: 'REDIRECT',
    kernel: true,
    means:
      "A DNAT to the node itself: the packet is handed to a local program's port (the userspace proxy used it).",
  },
  { term: 'ACCEPT', means: 'A verdict: the packet may continue.' },
  {
    term: 'DROP',
    aliases: ['drop', 'dropped'],
    means: 'A verdict: the packet is thrown away silently, and the sender hears nothing.',
  },
  {
    term: 'REJECT',
    aliases: ['reject', 'rejected'],
    means: 'A verdict: the packet is thrown away and the sender is told (an ICMP error or a TCP reset).',
  },
  { term: 'RETURN', means: 'Leave this chain and continue after the rule that jumped into it.' },
  {
    term: 'mark',
    aliases: ['fwmark'],
    means:
      'A number the kernel attaches to a packet; kube-proxy sets 0x4000 to say "masquerade this one later".',
  },
  {
    term: 'statistic',
    aliases: ['statistic --mode random'],
    kernel: true,
    means:
      'An iptables match that succeeds with a given probability; kube-proxy chains them to pick an endpoint at random.',
  },
  {
    term: 'rule walk',
    means: 'Every rule the packet was checked against at this hop, in order, and whether it matched.',
  },
];
