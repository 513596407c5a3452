import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ST-009',
  title: 'Production storage account is zone-redundant (production only)',
  severity: 'warning',
  rationale: 'In production, LRS and GRS keep all synchronous copies in one datacenter, so a zone outage makes the document store unavailable (and GRS failover is manual and lossy); ZRS/GZRS keep serving through a zone loss.',
  remediation: 'Set `account_replication_type` to "ZRS", "GZRS" or "RAGZRS" in production (changing between LRS/GRS and the zone-redundant types recreates the account). Evaluated only for production environments.',
  references: {},
  appliesTo: ['azurerm_storage_account'],
  when: (_account, { production }) => production,
  path: 'account_replication_type',
  expected: ['ZRS', 'GZRS', 'RAGZRS'],
});
