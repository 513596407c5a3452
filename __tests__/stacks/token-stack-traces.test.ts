import { Lazy } from 'cdktf';
import { disableTokenStackTraces, tokenStackTracesSwitchable, withoutTokenStackTraces } from '../../stacks/token-stack-traces';

// The module object whose export the switch replaces (cdktf reads it at every token it creates).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfStackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: (below?: unknown) => string[] };

describe('token stack traces', () => {
  test('this cdktf version has the capture the switch replaces (an upgrade that moves it fails here)', () => {
    expect(tokenStackTracesSwitchable()).toBe(true);
  });

  test('withoutTokenStackTraces: tokens created inside capture nothing; the capture is restored after, also on error', () => {
    const calls: string[] = [];
    const counting = () => { calls.push('capture'); return ['frame']; };
    cdktfStackTrace.captureStackTrace = counting;
    try {
      withoutTokenStackTraces(() => Lazy.stringValue({ produce: () => 'x' }));
      expect(calls).toEqual([]);
      Lazy.stringValue({ produce: () => 'y' });
      expect(calls).toEqual(['capture']);
      expect(() => withoutTokenStackTraces(() => { throw new Error('synth failed'); })).toThrow('synth failed');
      expect(cdktfStackTrace.captureStackTrace).toBe(counting);
    } finally {
      disableTokenStackTraces();
    }
    expect(cdktfStackTrace.captureStackTrace()).toEqual([]);
  });
});
