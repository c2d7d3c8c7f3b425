import { describe, expect, it } from 'vitest';
import { initialState } from '../store/store';
import { pictureCaption, wrapWords } from './picture-caption';

describe('the caption of an exported picture', () => {
  it('wraps words to the width and never splits a word', () => {
    expect(wrapWords('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapWords('a 10.244.0.0/16-is-long b', 6)).toEqual(['a', '10.244.0.0/16-is-long', 'b']);
    expect(wrapWords('   ', 10)).toEqual([]);
  });

  it('names the scenario and the flow, with no hop before a trace', () => {
    const s = initialState('kind: List\n', {
      from: 'pod/default/client',
      to: 'svc/default/web:http',
    });
    const c = pictureCaption(s, 'Two nodes');
    expect(c.title).toBe('Two nodes · pod/default/client → svc/default/web:http');
    expect(c.hop).toBeNull();
    expect(c.fileName).toBe('podpath-cluster');
  });
});
