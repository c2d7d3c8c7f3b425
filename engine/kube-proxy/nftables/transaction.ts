// kube-proxy's nftables sync is one knftables transaction: a list of add/flush/delete operations, written
// to `nft -f -` in the syntax knftables prints (sigs.k8s.io/knftables objects.go writeOperation), and the
// table that results once the kernel has applied it.
import { type NftBaseChain, NftTable } from '../../netfilter/nft/table';
import { KUBE_PROXY_TABLE } from './chain-names';

export type NftObject =
  | { readonly type: 'table'; readonly comment?: string }
  | { readonly type: 'chain'; readonly name: string; readonly base?: NftBaseChain; readonly comment?: string }
  | {
      readonly type: 'set' | 'map';
      readonly name: string;
      readonly typeText?: string;
      readonly flags?: readonly string[];
      readonly timeout?: number;
      readonly comment?: string;
    }
  | { readonly type: 'rule'; readonly chain: string; readonly rule: string; readonly comment?: string }
  | {
      readonly type: 'element';
      readonly set: string;
      readonly key: readonly string[];
      readonly value?: string;
      readonly comment?: string;
    };

export interface NftOp {
  readonly verb: 'add' | 'flush' | 'delete';
  readonly object: NftObject;
}

const FAMILY = 'ip';

/** Go's %q for the ASCII comments kube-proxy writes. */
function q(text: string): string {
  return JSON.stringify(text);
}

/** One line of the transaction, exactly as knftables writes it. */
export function writeOperation(op: NftOp): string {
  const { verb, object: o } = op;
  const head = `${verb} ${o.type} ${FAMILY} ${KUBE_PROXY_TABLE}`;
  switch (o.type) {
    case 'table':
      return (
        `${verb} table ${FAMILY} ${KUBE_PROXY_TABLE}` +
        (verb === 'add' && o.comment !== undefined ? ` { comment ${q(o.comment)} ; }` : '')
      );
    case 'chain': {
      let line = `${head} ${o.name}`;
      if (verb === 'add' && (o.base || o.comment !== undefined)) {
        line += ' {';
        if (o.base) line += ` type ${o.base.type} hook ${o.base.hook} priority ${o.base.priority} ;`;
        if (o.comment !== undefined) line += ` comment ${q(o.comment)} ;`;
        line += ' }';
      }
      return line;
    }
    case 'set':
    case 'map': {
      let line = `${head} ${o.name}`;
      if (verb === 'add') {
        line += ` { type ${o.typeText} ;`;
        if (o.flags && o.flags.length > 0) line += ` flags ${o.flags.join(',')} ;`;
        if (o.timeout !== undefined) line += ` timeout ${o.timeout}s ;`;
        if (o.comment !== undefined) line += ` comment ${q(o.comment)} ;`;
        line += ' }';
      }
      return line;
    }
    case 'rule':
      return (
        `${verb} rule ${FAMILY} ${KUBE_PROXY_TABLE} ${o.chain} ${o.rule}` +
        (o.comment !== undefined ? ` comment ${q(o.comment)}` : '')
      );
    case 'element': {
      let line = `${verb} element ${FAMILY} ${KUBE_PROXY_TABLE} ${o.set} { ${o.key.join(' . ')}`;
      if (verb === 'add') {
        if (o.comment !== undefined) line += ` comment ${q(o.comment)}`;
        if (o.value !== undefined) line += ` : ${o.value}`;
      }
      return line + ' }';
    }
  }
}

/** The `nft -f` input kube-proxy runs (`nft --check`-able, one operation per line). */
export function renderTransaction(ops: readonly NftOp[]): string {
  let out = '';
  for (const op of ops) out += writeOperation(op) + '\n';
  return out;
}

/** The kernel's table after the transaction, starting from none (a fresh node). */
export function applyTransaction(ops: readonly NftOp[]): NftTable {
  let table: NftTable | null = null;
  const need = (): NftTable => {
    if (!table) throw new Error('nft: transaction touches the table before adding it');
    return table;
  };
  for (const { verb, object: o } of ops) {
    if (o.type === 'table') {
      if (verb === 'add') table ??= new NftTable('ip', KUBE_PROXY_TABLE, o.comment);
      else if (verb === 'delete') table = null;
      continue;
    }
    const t = need();
    switch (o.type) {
      case 'chain':
        if (verb === 'add') t.addChain(o.name, o.base, o.comment);
        else if (verb === 'flush') t.chains.get(o.name)?.rules.splice(0);
        else t.chains.delete(o.name);
        break;
      case 'set':
      case 'map':
        if (verb === 'add') {
          t.addSet({
            kind: o.type,
            name: o.name,
            type: o.typeText ?? '',
            flags: o.flags ?? [],
            ...(o.timeout !== undefined && { timeout: o.timeout }),
            ...(o.comment !== undefined && { comment: o.comment }),
          });
        } else if (verb === 'flush') t.sets.get(o.name)?.elements.clear();
        else t.sets.delete(o.name);
        break;
      case 'rule':
        t.addRule(o.chain, o.rule, o.comment);
        break;
      case 'element':
        if (verb === 'add') {
          t.addElement(o.set, {
            key: o.key,
            ...(o.value !== undefined && { value: o.value }),
            ...(o.comment !== undefined && { comment: o.comment }),
          });
        } else t.sets.get(o.set)?.elements.delete(o.key.join(' . '));
        break;
    }
  }
  return need();
}

/**
 * The table as knftables' Fake.Dump() writes it (the form TestOverallNFTablesRules compares): every object
 * as an `add` line, chains, sets and maps by name, then rules chain by chain, then elements.
 */
export function dumpTable(table: NftTable): string {
  const lines: string[] = [
    writeOperation({
      verb: 'add',
      object: { type: 'table', ...(table.comment !== undefined && { comment: table.comment }) },
    }),
  ];
  const chains = [...table.chains.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const sets = [...table.sets.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const c of chains)
    lines.push(
      writeOperation({
        verb: 'add',
        object: {
          type: 'chain',
          name: c.name,
          ...(c.base && { base: c.base }),
          ...(c.comment !== undefined && { comment: c.comment }),
        },
      }),
    );
  for (const s of sets) {
    lines.push(
      writeOperation({
        verb: 'add',
        object: {
          type: s.kind,
          name: s.name,
          typeText: s.type,
          flags: s.flags,
          ...(s.timeout !== undefined && { timeout: s.timeout }),
          ...(s.comment !== undefined && { comment: s.comment }),
        },
      }),
    );
  }
  for (const c of chains) {
    for (const r of c.rules)
      lines.push(
        writeOperation({
          verb: 'add',
          object: {
            type: 'rule',
            chain: c.name,
            rule: r.text,
            ...(r.comment !== undefined && { comment: r.comment }),
          },
        }),
      );
  }
  for (const s of sets) {
    for (const e of s.elements.values()) {
      lines.push(
        writeOperation({
          verb: 'add',
          object: {
            type: 'element',
            set: s.name,
            key: e.key,
            ...(e.value !== undefined && { value: e.value }),
            ...(e.comment !== undefined && { comment: e.comment }),
          },
        }),
      );
    }
  }
  return lines.join('\n') + '\n';
}
