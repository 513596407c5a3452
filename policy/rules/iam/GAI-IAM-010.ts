import { attribute, refersTo } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, knownString, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { grantsTo, identitiesOf } from './_principals';

const OPENAI_ROLES = ['Cognitive Services OpenAI User', 'Cognitive Services User'];
const BLOB_ROLES = ['Storage Blob Data Reader', 'Storage Blob Data Contributor'];
const MODEL_KINDS = ['OpenAI', 'AIServices'];

const rule: Rule = {
  id: 'GAI-IAM-010',
  title: 'Search reaches models and documents with its managed identity, never keys',
  severity: 'warning',
  rationale: 'Integrated vectorization makes the search service call the embedding model and read the document store; with keys disabled on both it needs "Cognitive Services OpenAI User" on the model account and "Storage Blob Data Reader" on the storage account. Search admin or query keys copied into apps or secrets bypass Entra ID altogether. Indexers and skillsets are data-plane objects outside the plan, so every model account and storage account in the plan is assumed to be a vectorization source.',
  remediation: 'Give the search service a managed identity and grant it "Cognitive Services OpenAI User" on the model account and "Storage Blob Data Reader" on the document store (`azurerm_role_assignment` with that `scope`); reference neither `primary_key`, `secondary_key` nor `query_keys` anywhere.',
  references: { mcsb: ['IM-3'] },
  appliesTo: ['azurerm_search_service'],
  check(search, { graph }) {
    const outcomes: Outcome[] = [];
    const keyPattern = new RegExp(`\\$\\{${search.address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(primary_key|secondary_key|query_keys)`);
    for (const user of graph.referrersOf(search)) {
      if (keyPattern.test(JSON.stringify(user.values))) {
        outcomes.push(nonCompliant(`${user.address} copies a search key (\`primary_key\`, \`secondary_key\` or \`query_keys\`); expected Entra ID access with a role assignment`));
      }
    }
    const models = graph.ofType('azurerm_cognitive_account').filter((a) => MODEL_KINDS.includes(knownString(a, 'kind') ?? ''));
    const stores = graph.ofType('azurerm_storage_account');
    if (models.length === 0 && stores.length === 0) return outcomes.length > 0 ? outcomes : notApplicable;

    const { holders, unknown: unresolved } = identitiesOf(search, graph);
    if (holders.length === 0) {
      outcomes.push(unresolved
        ? unknown(`${unresolved}; cannot check the search identity's roles`)
        : nonCompliant('`identity` is not set; expected a managed identity with roles on the model and storage accounts'));
      return outcomes;
    }
    const parts: [string, readonly PlanResource[], readonly string[]][] = [['model account', models, OPENAI_ROLES], ['storage account', stores, BLOB_ROLES]];
    for (const [what, targets, roles] of parts) {
      if (targets.length === 0) continue;
      const verdict = grantsTo(graph, holders, roles, (a) => targets.some((t) => refersTo(attribute(a, 'scope'), t)));
      if (verdict === 'yes') outcomes.push(compliant);
      else if (verdict === 'unknown' || unresolved) outcomes.push(unknown(`${unresolved ?? `a role assignment on a ${what} has a role only known after apply`}; expected "${roles[0]}" for the search identity`));
      else outcomes.push(nonCompliant(`the search identity (${holders.map((h) => h.address).join(', ')}) has no "${roles[0]}" on any ${what} (${targets.map((t) => t.address).join(', ')}); expected a role assignment for integrated vectorization`));
    }
    return outcomes;
  },
};

export default rule;
