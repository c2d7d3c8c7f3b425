#!/bin/sh
# Builds the two-node flannel VXLAN replica of labScenario() (engine/topology/test-fixture.ts) in
# throwaway namespaces, with the same names, MACs and ifindexes the engine derives, prints what
# iproute2 shows, and deletes everything again. Needs root; the specs only read the saved outputs.
#   sh engine/inspect/testdata/kernel-lab.sh engine/inspect/testdata
# Every address used here lives only inside these namespaces.
set -eu
OUT=${1:-.}
P=pp-cni-check
UL=$P-ul N1=$P-node1 N2=$P-node2 POD=$P-pod1
cleanup() { for ns in $POD $N1 $N2 $UL; do ip netns del $ns 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
for ns in $UL $N1 $N2 $POD; do ip netns add $ns; ip -n $ns link set lo up; done

# Underlay: br0 holds the gateway; n0/n1 are the node NICs' other ends.
ip -n $UL link add br0 index 2 address 82:85:ba:5a:69:d3 type bridge
ip -n $UL link add n0 index 3 address e2:6b:50:a9:0e:54 type veth peer name eth0 index 2 address 66:6f:6f:7e:c2:d6 netns $N1
ip -n $UL link add n1 index 4 address 1a:06:57:e1:68:b4 type veth peer name eth0 index 2 address 92:c2:37:b1:4a:94 netns $N2
for p in n0 n1; do ip -n $UL link set $p master br0 up; done
ip -n $UL link set br0 up
ip -n $UL addr add 192.168.56.1/24 broadcast + dev br0

node() { # ns ip vtepmac
  ip -n $1 link set eth0 up
  ip -n $1 addr add $2/24 broadcast + dev eth0
  ip -n $1 route add default via 192.168.56.1
}
node $N1 192.168.56.102
node $N2 192.168.56.103
ip -n $N1 link add flannel.1 index 3 address 56:fa:cf:4f:1e:07 mtu 1450 type vxlan id 1 local 192.168.56.102 dev eth0 dstport 8472 nolearning
ip -n $N2 link add flannel.1 index 3 address 7e:a9:0d:96:eb:da mtu 1450 type vxlan id 1 local 192.168.56.103 dev eth0 dstport 8472 nolearning
ip -n $N1 addr add 10.244.1.0/32 dev flannel.1
ip -n $N2 addr add 10.244.2.0/32 dev flannel.1
ip -n $N1 link set flannel.1 up
ip -n $N2 link set flannel.1 up
# flanneld's three entries per remote lease: neighbour, FDB, onlink route.
ip -n $N1 neigh add 10.244.2.0 lladdr 7e:a9:0d:96:eb:da dev flannel.1 nud permanent
ip netns exec $N1 bridge fdb append 7e:a9:0d:96:eb:da dev flannel.1 dst 192.168.56.103
ip -n $N1 route add 10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink
ip -n $N2 neigh add 10.244.1.0 lladdr 56:fa:cf:4f:1e:07 dev flannel.1 nud permanent
ip netns exec $N2 bridge fdb append 56:fa:cf:4f:1e:07 dev flannel.1 dst 192.168.56.102
ip -n $N2 route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink

# The bridge plugin on node1 for default/web: cni0, the veth created in the pod with eth0 there.
ip -n $N1 link add cni0 index 4 address 5e:fd:1a:3d:64:ba mtu 1450 type bridge
ip -n $N1 link set cni0 up
ip -n $POD link add eth0 index 2 address 9a:97:bb:7d:54:28 mtu 1450 type veth peer name veth19dbac18 index 5 address 7a:88:be:4c:62:76 mtu 1450 netns $N1
ip -n $N1 link set veth19dbac18 master cni0
ip -n $N1 link set veth19dbac18 type bridge_slave hairpin on
ip -n $N1 link set veth19dbac18 up
# vishvananda/netlink AddrAdd fills in the broadcast for IPv4 prefixes < /31, hence `broadcast +`.
ip -n $POD addr add 10.244.1.2/24 broadcast + dev eth0
ip -n $POD link set eth0 up
ip -n $POD route add default via 10.244.1.1 dev eth0
ip -n $POD route add 10.244.0.0/16 via 10.244.1.1 dev eth0
ip -n $N1 addr add 10.244.1.1/24 broadcast + dev cni0
ip netns exec $N1 sysctl -qw net.ipv4.ip_forward=1
ip netns exec $N2 sysctl -qw net.ipv4.ip_forward=1
sleep 3 # let IPv6 DAD finish so link-local addresses settle

for ns in $N1 $N2 $POD $UL; do
  short=${ns#$P-}
  ip -n $ns addr > $OUT/ip-addr-$short.txt
  ip -n $ns route > $OUT/ip-route-$short.txt
  ip -n $ns neigh > $OUT/ip-neigh-$short.txt
done
ip netns exec $N1 bridge fdb show dev flannel.1 > $OUT/bridge-fdb-flannel.1-node1.txt
ip netns exec $N1 bridge fdb show br cni0 > $OUT/bridge-fdb-br-cni0-node1.txt
# flanneld's rules as it writes them (pkg/trafficmngr/iptables), read back with iptables-save.
ipt() { ip netns exec $N1 iptables "$@"; }
ipt -t nat -N FLANNEL-POSTRTG
ipt -t nat -A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG
ipt -t nat -A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "flanneld masq" -j RETURN
ipt -t nat -A FLANNEL-POSTRTG -s 10.244.1.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN
ipt -t nat -A FLANNEL-POSTRTG -s 10.244.0.0/16 -d 10.244.1.0/24 -m comment --comment "flanneld masq" -j RETURN
ipt -t nat -A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.1.0/24 -m comment --comment "flanneld masq" -j RETURN
ipt -t nat -A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
ipt -t nat -A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
ipt -t filter -N FLANNEL-FWD
ipt -t filter -A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD
ipt -t filter -A FLANNEL-FWD -s 10.244.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT
ipt -t filter -A FLANNEL-FWD -d 10.244.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT
{ ip netns exec $N1 iptables-save -t nat; ip netns exec $N1 iptables-save -t filter; } | grep -v '^#' > $OUT/iptables-save-flannel.txt
iptables -V > $OUT/iptables-version.txt
ip -V > $OUT/iproute2-version.txt
uname -r > $OUT/kernel-version.txt
