// `podpath`'s arguments, read by node's own util.parseArgs in strict mode: an unknown flag, a value given
// to a switch (`--json=no`) or an operand too many is a usage mistake (exit 2), never silently ignored.
// Each command declares its flags and how many operands it takes; values are checked here, and every
// message quotes what the user typed.
import { parseArgs as nodeParseArgs } from 'node:util';

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage line to show; undefined shows them all. */
    readonly command?: string,
  ) {
    super(message);
  }
}

type FlagKind = 'string' | 'switch' | 'many';

export interface CommandSpec {
  /** The usage line(s) printed after a mistake. */
  readonly usage: string;
  readonly flags: Readonly<Record<string, FlagKind>>;
  /** Operands: at least `min`, at most `max` (Infinity for a list). */
  readonly operands: { readonly min: number; readonly max: number; readonly names: string };
}

export interface CommandArgs {
  readonly operands: readonly string[];
  string(name: string): string | undefined;
  has(name: string): boolean;
  all(name: string): readonly string[];
}

/** Flags every command reading a scenario takes. */
export const COMMON_FLAGS = { 'max-bytes': 'string' } as const satisfies Record<string, FlagKind>;

interface NodeArgsError {
  code?: string;
  message: string;
}

/** node's messages name the option ("Unknown option '--sed'"); keep their first sentence, lose the hints. */
function nodeMessage(e: NodeArgsError): string {
  const first = e.message.split('. ')[0]!.replace(/\.$/, '');
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return first.replace(/^Unknown option/, 'unknown option');
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return first.replace(/^Option/, 'option');
  return first;
}

export function readCommandArgs(command: string, spec: CommandSpec, argv: readonly string[]): CommandArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  const declared: Record<string, FlagKind> = { ...COMMON_FLAGS, ...spec.flags };
  for (const [name, kind] of Object.entries(declared)) {
    options[name] = kind === 'switch' ? { type: 'boolean' } : { type: 'string', multiple: true };
  }
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: true,
      allowNegative: false,
    });
  } catch (e) {
    throw new UsageError(nodeMessage(e as NodeArgsError), command);
  }
  const operands = parsed.positionals;
  const { min, max, names } = spec.operands;
  if (operands.length < min) throw new UsageError(`${command} needs ${names}`, command);
  if (operands.length > max)
    throw new UsageError(
      `unexpected operand ${JSON.stringify(operands[max])}: ${command} takes ${names}`,
      command,
    );
  const values = parsed.values as Record<string, string[] | boolean | undefined>;
  return {
    operands,
    string(name) {
      const v = values[name];
      if (!Array.isArray(v)) return undefined;
      // A string flag given twice is ambiguous: which one did the user mean?
      if (v.length > 1 && declared[name] !== 'many')
        throw new UsageError(`--${name} given ${v.length} times`, command);
      return v[v.length - 1];
    },
    has: (name) => values[name] === true,
    all: (name) => {
      const v = values[name];
      return Array.isArray(v) ? v : [];
    },
  };
}

/**
 * A decimal integer from `min` to `max` (both ≤ 2^53−1): no sign, exponent, hex, fraction or blank, so
 * `--seed 1e300`, `--seed 0x10` and `--seed ''` are refused rather than read as something else.
 */
export function decimalInteger(
  command: string,
  flag: string,
  text: string,
  min: number,
  max: number,
): number {
  const range = `${min} to ${max === Number.MAX_SAFE_INTEGER ? '2^53-1' : max}`;
  if (!/^[0-9]+$/.test(text))
    throw new UsageError(
      `--${flag} ${JSON.stringify(text)}: expected a decimal integer from ${range}`,
      command,
    );
  const n = BigInt(text);
  if (n < BigInt(min) || n > BigInt(max))
    throw new UsageError(`--${flag} ${text}: out of range, expected ${range}`, command);
  return Number(n);
}

const MAX_CAP = 511 * 1024 ** 2;
const UNITS: Record<string, number> = { '': 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** `--max-bytes`: bytes, or a count of KiB, MiB or GiB (`512MiB`). */
export function byteCount(command: string, text: string): number {
  const m = /^([0-9]+)(KiB|MiB|GiB)?$/.exec(text);
  const n = m ? Number(m[1]) * UNITS[m[2] ?? '']! : NaN;
  // V8 holds no string longer than 2^29−24 characters, so a larger cap could never be reached.
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CAP)
    throw new UsageError(
      `--max-bytes ${JSON.stringify(text)}: expected a size from 1 byte to 511MiB, such as 1048576 or 64MiB`,
      command,
    );
  return n;
}
