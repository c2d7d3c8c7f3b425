// Names of the pods a Deployment creates, shaped like kube's: `<deployment>-<pod-template-hash>-<xxxxx>`.
// kube hashes the template with FNV-32a and draws the 5-character suffix from math/rand; Podpath needs the
// same name on every run, so both come from SHA-256 instead: the template hash from the template as read,
// the suffixes from a generator seeded by namespace, name and template hash.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { SeededRandom } from '../random';

/** apimachinery's rand alphabet: no vowels (no accidental words) and no 0/1/3 (no look-alikes). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;
/** SimpleNameGenerator: the generateName base is cut to 63 - 5 characters. */
const MAX_GENERATED_BASE = 63 - SUFFIX_LENGTH;

/** rand.SafeEncodeString: each byte picks a character of the safe alphabet. */
function safeEncode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += SAFE_ALPHABET[b % SAFE_ALPHABET.length];
  return out;
}

/**
 * The `pod-template-hash` label. kube SafeEncodes the decimal text of a 32-bit hash (up to 10 characters);
 * this pads that text to 10 digits so every name has the same shape.
 */
export function podTemplateHash(canonicalTemplate: string): string {
  const digest = sha256(utf8ToBytes(canonicalTemplate));
  const value = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  return safeEncode(utf8ToBytes(String(value).padStart(10, '0')));
}

/** Deterministic replacement for kube's random generateName suffixes of one ReplicaSet. */
export class PodNameGenerator {
  private readonly random: SeededRandom;
  private readonly base: string;
  private draws = 0;

  constructor(namespace: string, deployment: string, templateHash: string) {
    const digest = sha256(utf8ToBytes(`${namespace}/${deployment}/${templateHash}`));
    const seed = (digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!;
    this.random = new SeededRandom(seed);
    const base = `${deployment}-${templateHash}-`;
    this.base = base.length > MAX_GENERATED_BASE ? base.slice(0, MAX_GENERATED_BASE) : base;
  }

  /**
   * The next name not in `taken` (the API server refuses a taken name and the controller retries), with its
   * slot: how many names were drawn before it. A replica's slot does not change when another replica
   * becomes a Pod of its own (its name is then taken and skipped), so placement follows the slot.
   */
  next(taken: (name: string) => boolean): { name: string; slot: number } {
    for (;;) {
      let suffix = '';
      for (let i = 0; i < SUFFIX_LENGTH; i++)
        suffix += SAFE_ALPHABET[this.random.int(0, SAFE_ALPHABET.length - 1)];
      const name = this.base + suffix;
      const slot = this.draws++;
      if (!taken(name)) return { name, slot };
    }
  }
}
