// What each `podpath` command accepts: its flags, its operands and its usage line. The argument reader
// refuses anything not declared here.
import { PROXY_MODE_LIST } from '../kube-proxy/modes';
import { PROXY_MODE_NAMES } from '../model/proxy-mode';
import type { CommandSpec } from './args';

/** `a, b or c`, as the usage errors list accepted values. */
export function orList(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

const FILE = { min: 1, max: 1, names: 'one scenario FILE (- for standard input)' };

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  validate: {
    usage: 'podpath validate FILE [--max-bytes N]',
    flags: {},
    operands: FILE,
  },
  ls: {
    usage: 'podpath ls FILE [--json]      (nodes, pods and Services, with the names --from and --to take)',
    flags: { json: 'switch' },
    operands: FILE,
  },
  rules: {
    usage: `podpath rules FILE --node NAME [--mode ${PROXY_MODE_NAMES.join('|')}]
                [--format ${PROXY_MODE_LIST.filter((d) => d.formats.length > 0)
                  .map((d) => `${d.formats.join('|')} (${d.mode})`)
                  .join(' | ')}]`,
    flags: { node: 'string', mode: 'string', format: 'string' },
    operands: FILE,
  },
  cni: {
    usage: 'podpath cni FILE --pod NAMESPACE/NAME [--steps] [--del] [--json]',
    flags: { pod: 'string', steps: 'switch', del: 'switch', json: 'switch' },
    operands: FILE,
  },
  trace: {
    usage: `podpath trace FILE --from pod/NS/NAME|node/NAME|external/IP --to IP:PORT|svc/NS/NAME:PORT|pod/NS/NAME:PORT|node/NAME:PORT
                [--protocol TCP|UDP] [--seed N] [--size BYTES] [--json]`,
    flags: {
      from: 'string',
      to: 'string',
      protocol: 'string',
      seed: 'string',
      size: 'string',
      json: 'switch',
    },
    operands: FILE,
  },
  dns: {
    usage:
      'podpath dns FILE --from pod/NS/NAME|node/NAME|external/IP NAME [--type A|AAAA|SRV|PTR|TXT|CNAME|SOA|NS] [--seed N] [--json]',
    flags: { from: 'string', type: 'string', seed: 'string', json: 'switch' },
    operands: { min: 2, max: 2, names: 'a scenario FILE and a NAME to resolve' },
  },
  link: {
    usage: 'podpath link FILE [--from SRC --to DST] [--protocol TCP|UDP] [--seed N] [--step N] [--base URL]',
    flags: {
      from: 'string',
      to: 'string',
      protocol: 'string',
      seed: 'string',
      step: 'string',
      base: 'string',
    },
    operands: FILE,
  },
  lab: {
    usage:
      'podpath lab FILE… [--flow "--from SRC --to DST [--protocol P] [--size N]"]…   (root, Linux namespaces)',
    flags: { flow: 'many' },
    operands: { min: 1, max: Infinity, names: 'at least one scenario FILE' },
  },
};

export const USAGE = `usage:\n${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}\n`)
  .join(
    '',
  )}All commands reading a scenario take --max-bytes N (default 256MiB); FILE - reads standard input.\n`;

/** The usage line of one command, or all of them. */
export function usageOf(command: string | undefined): string {
  const spec = command === undefined ? undefined : COMMANDS[command];
  return spec ? `usage: ${spec.usage}\n` : USAGE;
}
