import { ResourceGraph, attribute, valueOf } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { azapiBody } from '../../apim-policy';
import { splitAzapiType } from '../../../catalog/azure-api-versions';
import { PROVISIONED_SKUS, ProvisionedSku, SPILLOVER_SKU } from '../../../catalog/ptu-sizing';
import { sameTarget } from '../gen/_helpers';

const DEPLOYMENT = 'azurerm_cognitive_deployment';
const DEPLOYMENTS_TYPE = 'microsoft.cognitiveservices/accounts/deployments';

/** The deployment an `azapi_update_resource` patches: by `resource_id`, or by `parent_id` (its account) and `name`. */
function patchedDeployment(graph: ResourceGraph, update: PlanResource): PlanResource | undefined {
  const byId = graph.target(attribute(update, 'resource_id'), DEPLOYMENT);
  if (byId) return byId;
  const account = graph.target(attribute(update, 'parent_id'), 'azurerm_cognitive_account');
  if (!account) return undefined;
  const name = attribute(update, 'name');
  const named = graph.target(name, DEPLOYMENT);
  const candidates = named ? [named] : name.kind === 'known' && typeof name.value === 'string' ? graph.withValue(DEPLOYMENT, 'name', name.value) : [];
  return candidates.find((d) => graph.target(attribute(d, 'cognitive_account_id'), 'azurerm_cognitive_account') === account);
}

const text = (resource: PlanResource, path: string): string | 'unknown' | undefined => {
  const v = attribute(resource, path);
  if (v.kind === 'unknown') return 'unknown';
  return v.kind === 'known' && typeof v.value === 'string' ? v.value : undefined;
};

const rule: Rule = {
  id: 'GAI-DEP-007',
  title: 'A PTU deployment spills over to a pay-as-you-go deployment of the same model and version on the same account',
  severity: 'error',
  rationale: 'Spillover sends a provisioned deployment\'s overflow to the deployment named by `spilloverDeploymentName`, which must be a standard (pay-as-you-go) deployment of the same model on the same resource (Learn: "Spillover traffic management for provisioned deployments"). A missing target, another model or version, or a target of another data-processing level (Global / DataZone / regional) fails the overflow requests or moves data where the PTU deployment was chosen not to.',
  remediation: 'Point `spilloverDeploymentName` (ModelDeploymentSpec.spilloverDeployment) at a deployment of the same account with the same `model.name` and `model.version` and the matching pay-as-you-go SKU: GlobalProvisionedManaged -> GlobalStandard, DataZoneProvisionedManaged -> DataZoneStandard, ProvisionedManaged -> Standard.',
  references: {},
  appliesTo: ['azapi_update_resource'],
  check(update, { graph }) {
    const type = attribute(update, 'type');
    if (type.kind === 'unknown') return unknown(`\`type\` is only known after apply (${type.expression})`);
    const parsed = type.kind === 'known' && typeof type.value === 'string' ? splitAzapiType(type.value) : undefined;
    if (!parsed || parsed.resourceType.toLowerCase() !== DEPLOYMENTS_TYPE) return notApplicable;
    if (typeof update.values.body === 'string' && update.values.body.includes('${')) return unknown('`body` is only known after apply');
    const spill: unknown = (azapiBody(update)?.properties as Record<string, unknown> | undefined)?.spilloverDeploymentName;
    if (spill === undefined || spill === null) return notApplicable;
    const ptu = patchedDeployment(graph, update);
    if (!ptu) return unknown('the deployment this update patches is not in the plan, so its SKU and model cannot be compared with the spillover target');

    const sku = text(ptu, 'sku.name');
    if (sku === 'unknown') return unknown(`\`sku.name\` of ${ptu.address} is only known after apply`);
    if (!sku || !PROVISIONED_SKUS.includes(sku as ProvisionedSku)) {
      return nonCompliant(`${ptu.address} is ${sku ?? 'without a SKU'}, not provisioned: only a provisioned (PTU) deployment can spill over`);
    }
    const wantedSku = SPILLOVER_SKU[sku as ProvisionedSku];

    const spillValue = valueOf(spill);
    let targets: PlanResource[];
    if (spillValue.kind === 'unknown') {
      const named = graph.target(spillValue, DEPLOYMENT);
      if (!named) return unknown(`spilloverDeploymentName is only known after apply (${spillValue.expression})`);
      targets = [named];
    } else {
      targets = graph.withValue(DEPLOYMENT, 'name', String(spill)).filter((d) => d !== ptu);
    }
    const onAccount = targets.filter((d) => sameTarget(graph, d, ptu, 'cognitive_account_id'));
    if (onAccount.length === 0) {
      const elsewhere = targets.length > 0 ? ` (${targets.map((d) => d.address).join(', ')} is on another account)` : '';
      return nonCompliant(`spilloverDeploymentName "${String(spill)}" of ${ptu.address} names no deployment of the same account${elsewhere}`);
    }
    const target = onAccount[0];
    const outcomes: Outcome[] = [];
    const problems: string[] = [];
    for (const [path, wanted] of [['sku.name', wantedSku], ['model.name', text(ptu, 'model.name')], ['model.version', text(ptu, 'model.version')]] as const) {
      const actual = text(target, path);
      if (actual === 'unknown' || wanted === 'unknown') outcomes.push(unknown(`\`${path}\` of ${target.address} or ${ptu.address} is only known after apply`));
      else if (actual !== wanted) problems.push(`\`${path}\` is ${actual === undefined ? 'not set' : `"${actual}"`}, expected "${wanted ?? '(not set on the PTU deployment)'}"`);
    }
    if (problems.length > 0) return nonCompliant(`spillover target ${target.address} of ${ptu.address} (${sku}): ${problems.join('; ')}`);
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;
