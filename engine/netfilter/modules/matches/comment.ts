// -m comment --comment TEXT (xt_comment): matches everything; kube-proxy names each rule's Service with it.
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import { unquoteWord, valueOf, xtablesSaveString } from '../words';

export class CommentMatch implements Match {
  readonly module = 'comment';
  constructor(readonly text: string) {}
  matches(): boolean {
    return true;
  }
  save(): string {
    return ` -m comment --comment ${xtablesSaveString(this.text)}`;
  }
}

export const comment: MatchExtension<CommentMatch> = {
  names: ['comment'],
  options: { '--comment': 1 },
  parse(_name: string, options: readonly OptionWords[]): CommentMatch {
    const last = options.at(-1);
    // libxt_comment requires its option (XTOPT_MAND).
    if (!last) throw new RuleParseError('-m comment without --comment');
    return new CommentMatch(unquoteWord(valueOf(last)));
  },
};
