import { attribute, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, knownString, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { grantsTo, identitiesOf } from './_principals';

const OPENAI_ROLES = ['Cognitive Services OpenAI User', 'Cognitive Services User'];
const BLOB_ROLES = ['Storage Blob Data Reader', 'Storage Blob Data Contributor'];
const MODEL_KINDS = ['OpenAI', 'AIServices'];

/** What the search service must reach: every model account or every storage account of the plan. */
interface Source {
  readonly what: string;
  readonly targets: readonly PlanResource[];
  /** `targets` as a set: matching each scope against every account, for every search service, grows with the square of the plan. */
  readonly lookup: ReadonlySet<PlanResource>;
  readonly roles: readonly string[];
}

/** The model and storage accounts of the plan (every one assumed a vectorization source), collected once per plan. */
function sourcesOf(graph: ResourceGraph): readonly [Source, Source] {
  return graph.memo('GAI-IAM-010/sources', () => {
    const source = (what: string, targets: readonly PlanResource[], roles: readonly string[]): Source => ({ what, targets, lookup: new Set(targets), roles });
    const models = graph.ofType('azurerm_cognitive_account').filter((a) => MODEL_KINDS.includes(knownString(a, 'kind') ?? ''));
    return [source('model account', models, OPENAI_ROLES), source('storage account', graph.ofType('azurerm_storage_account'), BLOB_ROLES)];
  });
}

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
    const [models, stores] = sourcesOf(graph);
    if (models.targets.length === 0 && stores.targets.length === 0) return outcomes.length > 0 ? outcomes : notApplicable;

    const { holders, unknown: unresolved } = identitiesOf(search, graph);
    if (holders.length === 0) {
      outcomes.push(unresolved
        ? unknown(`${unresolved}; cannot check the search identity's roles`)
        : nonCompliant('`identity` is not set; expected a managed identity with roles on the model and storage accounts'));
      return outcomes;
    }
    for (const { what, targets, lookup, roles } of [models, stores]) {
      if (targets.length === 0) continue;
      const verdict = grantsTo(graph, holders, roles, (a) => graph.targetsOf(attribute(a, 'scope')).some((t) => lookup.has(t)));
      if (verdict === 'yes') outcomes.push(compliant);
      else if (verdict === 'unknown' || unresolved) outcomes.push(unknown(`${unresolved ?? `a role assignment on a ${what} has a role only known after apply`}; expected "${roles[0]}" for the search identity`));
      else outcomes.push(nonCompliant(`the search identity (${holders.map((h) => h.address).join(', ')}) has no "${roles[0]}" on any ${what} (${targets.map((t) => t.address).join(', ')}); expected a role assignment for integrated vectorization`));
    }
    return outcomes;
  },
};

export default rule;
