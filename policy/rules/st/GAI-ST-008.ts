import { Outcome, Rule, compliant, expectAttribute, knownString, nonCompliant, notApplicable, unknown } from '../../rule';
import { attribute } from '../../graph';
import { atLeast } from '../gov/_helpers';

const MINIMUM_DAYS = 7;

/** A retention policy block: absent means no soft delete; present without `days` means the provider default 7. */
function retention(account: Parameters<Rule['check']>[0], block: string): Outcome {
  const policy = attribute(account, `blob_properties.${block}`);
  if (policy.kind === 'unknown') return unknown(`\`blob_properties.${block}\` is only known after apply (${policy.expression}); expected days >= ${MINIMUM_DAYS}`);
  if (policy.kind === 'absent') return nonCompliant(`\`blob_properties.${block}\` is not set, so deleted items are not recoverable; expected days >= ${MINIMUM_DAYS}`);
  return atLeast(account, `blob_properties.${block}.days`, MINIMUM_DAYS, 7);
}

const rule: Rule = {
  id: 'GAI-ST-008',
  title: 'Storage account keeps deleted and overwritten blobs recoverable',
  severity: 'warning',
  rationale: 'Without blob and container soft delete and versioning, an accidental or malicious delete or overwrite of the document store is permanent, and the search index rebuilt from it loses the data too.',
  remediation: 'Set `blob_properties { versioning_enabled = true delete_retention_policy { days = 7 } container_delete_retention_policy { days = 7 } }` (or longer retention).',
  references: { checkov: ['CKV2_AZURE_38'], psrule: ['Azure.Storage.SoftDelete', 'Azure.Storage.ContainerSoftDelete'] },
  appliesTo: ['azurerm_storage_account'],
  check(account) {
    if (knownString(account, 'account_kind') === 'FileStorage') return notApplicable;
    const outcomes = [
      retention(account, 'delete_retention_policy'),
      retention(account, 'container_delete_retention_policy'),
      expectAttribute(account, 'blob_properties.versioning_enabled', { expected: true, providerDefault: false }),
    ];
    const findings = outcomes.filter((o) => o.status !== 'compliant');
    return findings.length > 0 ? findings : compliant;
  },
};

export default rule;
