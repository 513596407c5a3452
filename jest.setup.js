/**
 * cdktf captures an unlimited-depth stack trace for every token it creates (over 40,000 per shipped
 * environment). Tests build stacks directly, outside main.ts's `withPlainStackTraces`, so they skip the
 * capture here: it was half of the suite's CPU time (--cpu-prof). Nothing reads those traces.
 */
jest.mock('cdktf/lib/tokens/private/stack-trace', () => ({ captureStackTrace: () => [] }));
