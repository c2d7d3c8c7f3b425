// The fe80::/64 address the kernel gives every Ethernet-like device when it comes up: addr_gen_mode 0
// (EUI-64, the default in a fresh namespace) flips the universal/local bit of the MAC's first octet and
// puts ff:fe in the middle (RFC 4291 appendix A). Printed the way inet_ntop does: groups without leading
// zeros, the longest run of two or more zero groups shortened to `::`.

export function eui64LinkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  const iid = [b[0]! ^ 0x02, b[1]!, b[2]!, 0xff, 0xfe, b[3]!, b[4]!, b[5]!];
  const groups = [0xfe80, 0, 0, 0];
  for (let i = 0; i < 8; i += 2) groups.push((iid[i]! << 8) | iid[i + 1]!);
  return formatIpv6Groups(groups);
}

/** RFC 5952 / glibc inet_ntop text for eight 16-bit groups. */
export function formatIpv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
