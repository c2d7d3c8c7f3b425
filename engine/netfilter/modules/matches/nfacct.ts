// -m nfacct --nfacct-name NAME (xt_nfacct): counts into a named accounting object and always matches;
// kube-proxy adds its localhost NodePort counters with it.
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import { valueOf, xtablesSaveString } from '../words';

export class NfacctMatch implements Match {
  readonly module = 'nfacct';
  constructor(readonly name: string) {}
  matches(): boolean {
    return true;
  }
  save(): string {
    // libxt_nfacct prints " --nfacct-name " and xtables_save_string adds its own space: two spaces.
    return ` -m nfacct --nfacct-name  ${xtablesSaveString(this.name)}`;
  }
}

export const nfacct: MatchExtension<NfacctMatch> = {
  names: ['nfacct'],
  options: { '--nfacct-name': 1 },
  parse(_name: string, options: readonly OptionWords[]): NfacctMatch {
    const last = options.at(-1);
    if (!last) throw new RuleParseError('-m nfacct without --nfacct-name');
    return new NfacctMatch(valueOf(last));
  },
};
