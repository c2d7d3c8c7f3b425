import { describe, expect, it } from 'vitest';
import { draftOf, keepOrReset } from './flow-draft';

describe('the flow chooser draft', () => {
  const applied = { from: 'pod/default/client', to: 'svc/default/web:80', protocol: 'TCP' as const };

  it('keeps edits while the applied flow is the same', () => {
    const kept = { flow: applied, listed: true, draft: { ...draftOf(applied, true), from: 'node/node-b' } };
    expect(keepOrReset(kept, applied, true)).toBe(kept);
  });

  it('resets to the new flow when another flow is applied (a lesson or scenario load)', () => {
    const kept = { flow: applied, listed: true, draft: { ...draftOf(applied, true), from: 'node/node-b' } };
    const loaded = {
      from: 'pod/default/client',
      to: 'svc/kube-system/kube-dns:53',
      protocol: 'UDP' as const,
    };
    const next = keepOrReset(kept, loaded, true);
    expect(next.draft).toEqual({
      from: 'pod/default/client',
      to: 'svc/kube-system/kube-dns:53',
      typing: false,
      typed: '',
      protocol: 'UDP',
    });
  });

  it('opens a destination outside the list in the name field, and again when the list learns it', () => {
    const typed = { from: 'pod/default/client', to: 'web.default:80' };
    const before = keepOrReset({ flow: applied, listed: true, draft: draftOf(applied, true) }, typed, false);
    expect(before.draft).toMatchObject({ typing: true, typed: 'web.default:80', protocol: 'TCP' });
    expect(keepOrReset(before, typed, true).draft).toMatchObject({ typing: false, typed: '' });
  });
});
