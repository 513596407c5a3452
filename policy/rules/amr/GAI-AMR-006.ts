import { attribute } from '../../graph';
import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { fieldOf } from '../cog/_helpers';

const rule: Rule = {
  id: 'GAI-AMR-006',
  title: 'Managed Redis used as a semantic cache has RediSearch with Enterprise clustering',
  severity: 'note',
  rationale: 'APIM semantic caching needs vector search (the RediSearch module); RediSearch cannot run with the OSS clustering policy, which is the provider default, and modules and clustering can only be chosen when the database is created.',
  remediation: 'In `default_database` add `module { name = "RediSearch" }` and set `clustering_policy = "EnterpriseCluster"` (verify against the current Azure Managed Redis module documentation); both force recreation, so decide before first deployment.',
  references: {},
  appliesTo: ['azurerm_managed_redis'],
  check(redis, { graph }) {
    const database = attribute(redis, 'default_database');
    if (database.kind === 'absent') return notApplicable;
    if (database.kind === 'unknown') return unknown(`\`default_database\` is only known after apply (${database.expression})`);
    const modules = attribute(redis, 'default_database.module');
    if (modules.kind === 'unknown') return unknown(`\`default_database.module\` is only known after apply (${modules.expression})`);
    const list = modules.kind === 'known' ? (Array.isArray(modules.value) ? modules.value : [modules.value]) : [];
    const names = list.filter((m): m is Record<string, unknown> => m !== null && typeof m === 'object').map((m) => fieldOf(m, 'name'));
    const hasSearch = names.some((n) => n.kind === 'known' && String(n.value).toLowerCase() === 'redisearch');
    const apimCache = graph.referrersOf(redis, 'azurerm_api_management_redis_cache');
    if (!hasSearch) {
      if (names.some((n) => n.kind === 'unknown')) return unknown('a `default_database.module` name is only known after apply');
      return apimCache.length > 0
        ? nonCompliant(`the cache backs API Management (${apimCache.map((c) => c.address).join(', ')}) but \`default_database.module\` has no "RediSearch"; expected RediSearch for semantic caching`)
        : notApplicable;
    }
    const clustering = attribute(redis, 'default_database.clustering_policy');
    if (clustering.kind === 'unknown') return unknown(`\`default_database.clustering_policy\` is only known after apply (${clustering.expression}); expected "EnterpriseCluster" with RediSearch`);
    if (clustering.kind === 'absent') return nonCompliant('`default_database.clustering_policy` is not set, so the provider default "OSSCluster" applies, which RediSearch does not support; expected "EnterpriseCluster"');
    return clustering.value === 'EnterpriseCluster'
      ? compliant
      : nonCompliant(`\`default_database.clustering_policy\` is ${JSON.stringify(clustering.value)}, which RediSearch does not support; expected "EnterpriseCluster"`);
  },
};

export default rule;
