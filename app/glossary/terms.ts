// The glossary: one sentence for every term the panels and lessons use. `kernel` marks the words a lesson
// must put in bold the first time it uses them (a unit test checks the lessons against this list).
export interface Term {
  readonly term: string;
  readonly means: string;
  /** Other spellings that show the same entry (`PREROUTING` for `prerouting`). */
  readonly aliases?: readonly string[];
  readonly kernel?: boolean;
}

export const GLOSSARY: readonly Term[] = [
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
  // kube-proxy
  {
    term: 'kube-proxy',
    means:
      'The node agent that turns Services into kernel rules (iptables, nftables or IPVS) so that a Service address reaches a pod.',
  },
  {
    term: 'KUBE-SERVICES',
    kernel: true,
    means:
      "kube-proxy's iptables chain with one rule per Service port; the packet is checked against them in order.",
  },
  {
    term: 'KUBE-SVC',
    aliases: ['KUBE-SVC-*'],
    means: "kube-proxy's chain for one Service port; its rules pick one endpoint.",
  },
  {
    term: 'KUBE-SEP',
    aliases: ['KUBE-SEP-*'],
    means: "kube-proxy's chain for one endpoint; its rule does the DNAT to that pod.",
  },
  {
    term: 'KUBE-NODEPORTS',
    kernel: true,
    means: "kube-proxy's chain for NodePorts: traffic to any node address on the port goes to the Service.",
  },
  {
    term: 'KUBE-MARK-MASQ',
    means: "kube-proxy's chain that marks a packet to be masqueraded when it leaves the node.",
  },
  {
    term: 'KUBE-POSTROUTING',
    means: "kube-proxy's chain in POSTROUTING that masquerades the packets marked earlier.",
  },
  {
    term: 'IPVS',
    kernel: true,
    means:
      "IP Virtual Server: the kernel's load balancer; kube-proxy's IPVS mode gives each Service a virtual server with its pods as real servers.",
  },
  {
    term: 'kube-ipvs0',
    kernel: true,
    means:
      'A dummy device holding every Service IP in IPVS mode, so the node accepts packets to them as local.',
  },
  { term: 'virtual server', means: 'In IPVS, a Service address and port that clients connect to.' },
  { term: 'real server', means: 'In IPVS, one backend (a pod address and port) behind a virtual server.' },
  {
    term: 'scheduler',
    aliases: ['rr', 'round robin'],
    means: "IPVS's rule for choosing a real server; kube-proxy uses round robin (rr) by default.",
  },
  {
    term: 'ipset',
    kernel: true,
    means: 'A kernel set of addresses or ports that one iptables rule can match in a single lookup.',
  },
  {
    term: 'userspace',
    aliases: ['userspace mode', 'user space'],
    kernel: true,
    means:
      'Where ordinary programs run, outside the kernel; crossing between kernel and user space costs time on every packet.',
  },
  {
    term: 'proxy port',
    means:
      "In kube-proxy's old userspace mode, the port on the node where kube-proxy itself accepts a Service's connections.",
  },
  {
    term: 'Service',
    aliases: ['Services'],
    means: 'A Kubernetes object giving a stable address to a changing set of pods.',
  },
  {
    term: 'ClusterIP',
    kernel: true,
    means:
      "A Service's virtual address inside the cluster; no device owns it, the rules on each node translate it.",
  },
  {
    term: 'NodePort',
    kernel: true,
    means: "A Service port opened on every node's address, so clients outside the cluster can reach it.",
  },
  {
    term: 'LoadBalancer',
    means: 'A Service type that adds an external address (from a cloud or MetalLB) in front of a NodePort.',
  },
  {
    term: 'externalTrafficPolicy',
    kernel: true,
    means:
      "Cluster lets any node forward to any pod (masquerading the client); Local keeps the client's address but only uses pods on the node hit.",
  },
  {
    term: 'endpoint',
    aliases: ['endpoints', 'EndpointSlice'],
    means: 'A ready pod address and port behind a Service.',
  },
  {
    term: 'session affinity',
    aliases: ['sessionAffinity'],
    means: 'A Service setting that keeps sending one client to the same pod.',
  },
  // DNS
  { term: 'DNS', means: 'The Domain Name System: it turns names into addresses.' },
  { term: 'CoreDNS', means: "The cluster's DNS server; its pods sit behind the kube-dns Service." },
  {
    term: 'kube-dns',
    means: "The Service in kube-system whose ClusterIP every pod's resolv.conf names as its nameserver.",
  },
  {
    term: 'resolv.conf',
    aliases: ['/etc/resolv.conf'],
    kernel: true,
    means:
      "The resolver's configuration file in the pod: the nameserver, the search list and options such as ndots.",
  },
  {
    term: 'search list',
    aliases: ['search'],
    kernel: true,
    means: 'Domains the resolver appends to a short name, in order, until one of them answers.',
  },
  {
    term: 'ndots',
    kernel: true,
    means: 'A name with fewer dots than this is tried with the search domains first; Kubernetes sets 5.',
  },
  { term: 'glibc', means: 'The C library whose resolver (getaddrinfo) most programs use to look names up.' },
  { term: 'A', aliases: ['A record'], means: 'A DNS record holding an IPv4 address.' },
  { term: 'AAAA', aliases: ['AAAA record'], means: 'A DNS record holding an IPv6 address.' },
  { term: 'rcode', means: 'The DNS response code: NOERROR, NXDOMAIN (no such name) and so on.' },
  {
    term: 'NXDOMAIN',
    kernel: true,
    means: 'The DNS answer "this name does not exist"; the resolver moves on to its next candidate.',
  },
  { term: 'NODATA', means: 'The DNS answer "the name exists but has no record of this type".' },
  {
    term: 'FQDN',
    aliases: ['fully qualified'],
    means: 'A fully qualified domain name, ending in a dot, which the resolver asks as it is.',
  },
  // Ingress and HTTP
  {
    term: 'Ingress',
    aliases: ['Ingresses'],
    means:
      'A Kubernetes object with HTTP routing rules (host and path to a Service) that an ingress controller carries out.',
  },
  {
    term: 'IngressClass',
    aliases: ['ingressClassName'],
    kernel: true,
    means: 'Names which ingress controller handles an Ingress.',
  },
  {
    term: 'ingress controller',
    aliases: ['ingress-nginx'],
    means:
      'The proxy (here ingress-nginx) that receives HTTP from outside and forwards it by the Ingress rules.',
  },
  {
    term: 'nginx server',
    means: "nginx's block for one host name; the controller writes one per Ingress host.",
  },
  { term: 'nginx location', aliases: ['location'], means: "nginx's block for one path inside a server." },
  {
    term: 'pathType',
    kernel: true,
    means:
      'How an Ingress path matches: Exact (the whole path), Prefix (whole path elements) or ImplementationSpecific.',
  },
  {
    term: 'Prefix',
    means: 'An Ingress path type that matches whole path elements: /api matches /api/v1 but not /apiary.',
  },
  { term: 'Exact', means: 'An Ingress path type that matches only the path exactly as written.' },
  { term: 'upstream', means: 'The backend servers nginx forwards a request to.' },
  { term: 'backend', means: 'The Service (and port) a rule sends traffic to.' },
  {
    term: 'TLS',
    aliases: ['TLS termination'],
    kernel: true,
    means:
      'Transport Layer Security: the encryption of HTTPS; the controller decrypts it (terminates it) and forwards plain HTTP.',
  },
  {
    term: 'SNI',
    kernel: true,
    means:
      'Server Name Indication: the host name the client sends in the TLS hello, so the server picks the right certificate.',
  },
  { term: 'default backend', means: 'Where the controller sends requests no rule matches; it answers 404.' },
  // Header layers
  {
    term: 'Ethernet',
    aliases: ['Inner Ethernet', 'Outer Ethernet'],
    means: 'The link-layer header: source and destination MAC addresses for one hop on one link.',
  },
  {
    term: 'IPv4',
    aliases: ['Outer IPv4'],
    means: 'The IP header: source and destination addresses, TTL and flags, read by every router on the way.',
  },
  {
    term: 'TCP',
    means: 'The connection protocol: ports, sequence numbers and flags such as SYN, ACK and RST.',
  },
  {
    term: 'UDP',
    aliases: ['Outer UDP'],
    means: 'The datagram protocol: just ports and a length; DNS and the VXLAN tunnel use it.',
  },
  {
    term: 'ICMP',
    means: 'The kernel\'s error and control messages, such as "port unreachable" or "fragmentation needed".',
  },
  {
    term: 'src',
    aliases: ['source'],
    means: 'The source address (and port) of a packet: where it says it comes from.',
  },
  { term: 'dst', means: 'The destination address (and port) of a packet: where it is going.' },
  { term: 'sport', means: 'The source port of a TCP or UDP packet.' },
  {
    term: 'dport',
    means: "The destination port of a TCP or UDP packet; a VXLAN packet's outer dport is 8472 with flannel.",
  },
  {
    term: 'flags',
    means: "TCP's control bits: SYN opens a connection, ACK acknowledges, RST refuses, FIN closes.",
  },
  { term: 'length', means: "The packet's size in bytes, headers included." },
  // HTTP
  {
    term: 'HTTP',
    means:
      "The web's request and response protocol; the ingress controller routes by its Host header and path.",
  },
  {
    term: 'nginx',
    means:
      'The web server and proxy inside ingress-nginx; the controller writes its configuration from the Ingress objects.',
  },
  {
    term: 'X-Forwarded-For',
    aliases: [
      'X-Real-IP',
      'X-Forwarded-Host',
      'X-Forwarded-Port',
      'X-Forwarded-Proto',
      'X-Forwarded-Scheme',
      'X-Scheme',
    ],
    means: 'Headers the proxy adds so the backend learns the original client address, host, port and scheme.',
  },
  {
    term: 'X-Request-ID',
    means: 'A unique id nginx gives each request, so its log lines can be matched across services.',
  },
  {
    term: 'Proxy',
    means:
      'A request header nginx clears, so a backend never takes a client-sent proxy setting (the httpoxy attack).',
  },
  // Trace words
  {
    term: 'hop',
    means: 'One step of the packet through the kernel: a device, a hook, a routing decision or a delivery.',
  },
  { term: 'send', means: 'A program hands the packet to the kernel.' },
  {
    term: 'deliver',
    aliases: ['delivered'],
    means: 'The packet reaches a socket that was listening for it.',
  },
  { term: 'wire', means: 'The packet is on a cable between two devices.' },
  { term: 'request', means: 'The packets going from the client to the server.' },
  { term: 'reply', means: 'The packets coming back from the server to the client.' },
  {
    term: 'seed',
    means: 'The number that fixes the random choices, so the same seed always gives the same trace.',
  },
  {
    term: 'TTL',
    aliases: ['ttl'],
    means: 'Time to live: each router lowers it by one; at zero the packet is discarded.',
  },
  {
    term: 'DF',
    means: 'The "do not fragment" flag: a packet too big for the next device is refused instead of split.',
  },
  { term: 'verdict', means: 'What happened to the packet in the end: delivered, dropped or rejected.' },
];

const byName = new Map<string, Term>();
for (const t of GLOSSARY) {
  byName.set(t.term.toLowerCase(), t);
  for (const a of t.aliases ?? []) if (!byName.has(a.toLowerCase())) byName.set(a.toLowerCase(), t);
}

/** The entry for a term or one of its aliases (case-insensitive); KUBE-SVC-ABC… finds KUBE-SVC. */
export function lookupTerm(name: string): Term | undefined {
  const key = name.trim().toLowerCase();
  return byName.get(key) ?? byName.get(key.replace(/-[0-9a-z]{16}$/, ''));
}
