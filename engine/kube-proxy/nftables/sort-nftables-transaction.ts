// The upstream tests' normaliser (pkg/proxy/nftables/helpers_test.go sortNFTablesTransaction): drop blank
// lines and `#` comments, then order lines by object type (table, chain, rule, set, map, element), then by
// object name; rules keep their order within a chain, other lines sort as whole strings.
const OBJECT_ORDER: Readonly<Record<string, number>> = {
  table: 10,
  chain: 9,
  rule: 8,
  set: 7,
  map: 6,
  element: 5,
};

export function sortNFTablesTransaction(tx: string): string {
  const lines = tx.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const words = lines.map((l) => l.split(' '));
  const order = lines.map((_, i) => i);
  order.sort((i, j) => {
    const wi = words[i]!;
    const wj = words[j]!;
    if (wi.length >= 5 && wj.length >= 5) {
      if (wi[1] !== wj[1]) return (OBJECT_ORDER[wj[1]!] ?? 0) - (OBJECT_ORDER[wi[1]!] ?? 0);
      if (wi[4] !== wj[4]) return wi[4]! < wj[4]! ? -1 : 1;
      if (wi[1] !== 'rule' && lines[i] !== lines[j]) return lines[i]! < lines[j]! ? -1 : 1;
    }
    return i - j;
  });
  return order.map((i) => lines[i]).join('\n');
}
