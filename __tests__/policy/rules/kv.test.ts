import kv001 from '../../../policy/rules/kv/GAI-KV-001';
import { messagesOf, statusOf } from '../harness';

const vault = (values: Record<string, unknown>) => [{ type: 'azurerm_key_vault', values: { name: 'kv', ...values } }];

describe('GAI-KV-001 purge protection', () => {
  test.each([
    ['enabled', { purge_protection_enabled: true }, 'compliant'],
    ['disabled', { purge_protection_enabled: false }, 'non-compliant'],
    ['missing (provider default false)', {}, 'non-compliant'],
    ['unknown until apply', { purge_protection_enabled: '${var.purge}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(kv001, vault(values))).toBe(expected);
  });

  test('explains a missing attribute by the provider default', () => {
    expect(messagesOf(kv001, vault({}))).toEqual(['`purge_protection_enabled` is not set, so the provider default false applies; expected true']);
  });
});
