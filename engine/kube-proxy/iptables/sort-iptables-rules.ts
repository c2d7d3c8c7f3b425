// The upstream tests' normaliser (proxier_test.go sortIPTablesRules): it puts a restore payload into an
// order that does not depend on Go's map order, keeping related rules in their relative order.
import { unquoteWord } from '../../netfilter/modules/words';
import { tokenizeRuleLine } from '../../netfilter/rule';

interface DumpChain {
  readonly name: string;
  readonly rules: string[];
  deleted: boolean;
}

interface DumpTable {
  readonly name: string;
  readonly chains: DumpChain[];
}

/** Parses `*table` / `:CHAIN - [0:0]` / `-A CHAIN ...` / `-X CHAIN` / `COMMIT` (iptablestest.ParseIPTablesDump). */
function parseDump(text: string): DumpTable[] {
  const tables: DumpTable[] = [];
  let table: DumpTable | null = null;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      table = { name: line.slice(1), chains: [] };
      tables.push(table);
      continue;
    }
    if (!table) throw new Error(`line outside a table: ${line}`);
    const chainOf = (name: string): DumpChain => {
      const c = table!.chains.find((x) => x.name === name);
      if (!c) throw new Error(`no such chain ${name}: ${line}`);
      return c;
    };
    if (line.startsWith(':')) {
      table.chains.push({ name: line.slice(1).split(' ')[0]!, rules: [], deleted: false });
    } else if (line.startsWith('-A ')) {
      chainOf(line.split(' ')[1]!).rules.push(line);
    } else if (line.startsWith('-X ')) {
      chainOf(line.slice(3)).deleted = true;
    } else if (line === 'COMMIT') {
      table = null;
    } else {
      throw new Error(`cannot parse: ${line}`);
    }
  }
  return tables;
}

function commentOf(rule: string): string | null {
  const words = tokenizeRuleLine(rule);
  const i = words.indexOf('--comment');
  return i >= 0 && words[i + 1] !== undefined ? unquoteWord(words[i + 1]!) : null;
}

/** The service name is the comment up to the first space or colon (orderByCommentServiceName). */
function serviceNameOf(rule: string): string | null {
  const c = commentOf(rule);
  if (c === null) return null;
  const i = c.search(/[ :]/);
  return i === -1 ? c : c.slice(0, i);
}

function chainRank(name: string): number {
  if (name === 'KUBE-NODEPORTS') return 0;
  if (name === 'KUBE-SERVICES') return 1;
  return name.startsWith('KUBE-') ? 2 : 3;
}

function byServiceName(rules: string[], lastRule: (r: string) => boolean = () => false): string[] {
  // Go's comparator says "not less" whenever a comment is missing; every rule in these chains has one.
  const keyed = rules.map((r) => ({ r, last: lastRule(r), name: serviceNameOf(r) ?? '' }));
  keyed.sort((a, b) => {
    if (a.last !== b.last) return a.last ? 1 : -1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return keyed.map((k) => k.r);
}

export function sortIPTablesRules(ruleData: string): string {
  const tables = parseDump(ruleData);
  tables.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const t of tables) {
    t.chains.sort(
      (a, b) => chainRank(a.name) - chainRank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    for (const c of t.chains) {
      if (c.name === 'KUBE-NODEPORTS') c.rules.splice(0, c.rules.length, ...byServiceName(c.rules));
      if (c.name === 'KUBE-SERVICES') {
        const last =
          t.name === 'nat'
            ? (r: string) => (commentOf(r) ?? '').includes('must be the last rule')
            : undefined;
        c.rules.splice(0, c.rules.length, ...byServiceName(c.rules, last));
      }
    }
  }
  const out: string[] = [];
  for (const t of tables) {
    out.push(`*${t.name}`);
    for (const c of t.chains) out.push(`:${c.name} - [0:0]`);
    for (const c of t.chains) out.push(...c.rules);
    for (const c of t.chains) if (c.deleted) out.push(`-X ${c.name}`);
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}
