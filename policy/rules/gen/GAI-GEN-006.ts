import { ResourceGraph, attribute, isExpression } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { azapiProperties, deploymentUpdates } from '../../apim-policy';
import { PAYG_SKUS, PTU_SKUS, sameTarget, sameTargetCandidates } from './_helpers';

/** An azapi_update_resource that sets `properties.spilloverDeploymentName` on the deployment (or why it is unknown). */
function spilloverUpdate(graph: ResourceGraph, deployment: PlanResource): PlanResource | string | undefined {
  for (const update of deploymentUpdates(graph, deployment)) {
    if (isExpression(update.values.body)) return `${update.address} body is only known after apply`;
    if (azapiProperties(update, 'body')?.spilloverDeploymentName) return update;
  }
  return undefined;
}

const rule: Rule = {
  id: 'GAI-GEN-006',
  title: 'Provisioned (PTU) deployments have a pay-as-you-go fallback for the same model',
  severity: 'error',
  rationale: 'A provisioned deployment returns 429 as soon as its throughput is used up. Its overflow reaches a pay-as-you-go deployment only when the deployment\'s own `spilloverDeploymentName` names one: a pay-as-you-go twin alone takes nothing, and the gateway sends no `x-ms-spillover-deployment` (Learn defines that header for provisioned deployments only, and the gateway\'s failover member serves the same deployment name pay-as-you-go). Without it, peaks become outages for every consumer.',
  remediation: 'Deploy the same `model.name` with a `Standard` / `GlobalStandard` / `DataZoneStandard` `sku.name` on the same account, and set the PTU deployment\'s `properties.spilloverDeploymentName` to it with an `azapi_update_resource` (azurerm 4.55 cannot express it; GAI-DEP-007 checks the target).',
  references: {},
  appliesTo: ['azurerm_cognitive_deployment'],
  check(deployment, { graph }) {
    const sku = attribute(deployment, 'sku.name');
    if (sku.kind === 'unknown') return unknown(`\`sku.name\` is only known after apply (${sku.expression})`);
    if (!(sku.kind === 'known' && PTU_SKUS.includes(String(sku.value)))) return notApplicable;
    const model = attribute(deployment, 'model.name');
    if (model.kind !== 'known') return unknown(`\`model.name\` of a ${String(sku.value)} deployment is ${model.kind === 'unknown' ? `only known after apply (${model.expression})` : 'not set'}`);
    const isPaygOfModel = (d: PlanResource): boolean => {
      const other = attribute(d, 'model.name');
      const s = attribute(d, 'sku.name');
      return d !== deployment && other.kind === 'known' && other.value === model.value && s.kind === 'known' && PAYG_SKUS.includes(String(s.value));
    };
    const spill = spilloverUpdate(graph, deployment);
    if (typeof spill === 'string') return unknown(spill);
    if (spill) return compliant;
    const onSameAccount = sameTargetCandidates(graph, 'azurerm_cognitive_deployment', 'cognitive_account_id', deployment);
    const twin = onSameAccount.find((d) => isPaygOfModel(d) && sameTarget(graph, d, deployment, 'cognitive_account_id'));
    if (twin) return nonCompliant(`no spilloverDeploymentName: ${twin.address}, the pay-as-you-go "${String(model.value)}" on the same account, takes none of the overflow; a ${String(sku.value)} deployment returns 429 when its throughput is exhausted`);
    const payg = (typeof model.value === 'string' ? graph.withValue('azurerm_cognitive_deployment', 'model.name', model.value) : []).filter(isPaygOfModel);
    const elsewhere = payg.length > 0 ? ` (${payg.map((d) => d.address).join(', ')} is on another account, which spillover cannot reach)` : '';
    return nonCompliant(`no pay-as-you-go deployment of "${String(model.value)}" on the same account${elsewhere} and no spilloverDeploymentName; a ${String(sku.value)} deployment has no fallback when its throughput is exhausted`);
  },
};

export default rule;
