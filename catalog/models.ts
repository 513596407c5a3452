/**
 * Model catalog: the Azure OpenAI models (and versions) the platform may deploy, with the deployment SKUs
 * Microsoft offers each on, and its lifecycle dates. `parseEnvironment` refuses a deployment whose model,
 * version or SKU is not here; GAI-DEP-002 approves exactly these models and versions.
 *
 * Sources (Microsoft Learn, MicrosoftDocs/azure-ai-docs), read 2026-12-07:
 * - "Azure OpenAI in Azure AI Foundry Models": the model matrices per deployment type
 *   (articles/ai-foundry/openai/includes/model-matrix/: standard-global, datazone-standard, standard-models,
 *   standard-embeddings, provisioned-global, datazone-provisioned-managed, provisioned-models).
 * - "Azure OpenAI in Azure AI Foundry Model retirements" (concepts/model-retirements.md, its table
 *   includes/retirement/models.md, ms.date 2025-12-16): deprecation and retirement dates.
 *
 * A SKU is listed when the matrix of that deployment type has the model version in at least one region.
 * Region availability is deliberately left out (it changes monthly and differs per SKU): a version that
 * exists but is not offered in the account's region still fails at apply.
 * Retirement dates are recorded, not enforced: Microsoft moves them, and a date check would make the same
 * config pass one day and fail the next. Re-read both pages at least quarterly.
 */
import { DeploymentSku } from './ptu-sizing';

export interface ModelVersionFacts {
  /** `model.version`, e.g. `2025-04-14` (embeddings: `1`). */
  readonly version: string;
  /** Deployment SKUs this version is offered on (in at least one region). */
  readonly skus: readonly DeploymentSku[];
  /** No new customers from this date (ISO), where published. */
  readonly deprecation?: string;
  /** Deployments return errors from this date (ISO), where published. */
  readonly retirement?: string;
  /** The retirement date is a "no earlier than" date. */
  readonly retirementNoEarlierThan?: boolean;
}

export interface ModelFacts {
  /** `model.format`. */
  readonly format: 'OpenAI';
  readonly kind: 'chat' | 'embeddings';
  readonly versions: readonly ModelVersionFacts[];
}

/** Pay-as-you-go (Global, Data Zone) and provisioned (Global, Data Zone, regional); no regional Standard. */
const NO_REGIONAL_STANDARD: readonly DeploymentSku[] = [
  'GlobalStandard', 'DataZoneStandard', 'GlobalProvisionedManaged', 'DataZoneProvisionedManaged', 'ProvisionedManaged',
];
const ALL_SKUS: readonly DeploymentSku[] = [
  'GlobalStandard', 'DataZoneStandard', 'Standard', 'GlobalProvisionedManaged', 'DataZoneProvisionedManaged', 'ProvisionedManaged',
];
/** Embeddings: Global Standard and regional Standard only (absent from the Data Zone and provisioned matrices). */
const EMBEDDING_SKUS: readonly DeploymentSku[] = ['GlobalStandard', 'Standard'];

/**
 * Models the platform may deploy, in review order. Versions refused as retired by GAI-DEP-006
 * (`policy/rules/dep/_models.ts` RETIRED_MODELS, e.g. gpt-4o 2024-05-13) are left out. Dates are those of the
 * retirement table revision read (ms.date 2025-12-16); some lie before the read date (Microsoft has been
 * extending GA retirements): confirm in the portal before relying on them.
 */
export const MODELS: Readonly<Record<string, ModelFacts>> = {
  'gpt-4.1': { format: 'OpenAI', kind: 'chat', versions: [
    { version: '2025-04-14', skus: NO_REGIONAL_STANDARD, deprecation: '2026-04-14', retirement: '2026-10-14' },
  ] },
  'gpt-4.1-mini': { format: 'OpenAI', kind: 'chat', versions: [
    { version: '2025-04-14', skus: NO_REGIONAL_STANDARD, deprecation: '2026-04-14', retirement: '2026-10-14' },
  ] },
  'gpt-4.1-nano': { format: 'OpenAI', kind: 'chat', versions: [
    { version: '2025-04-14', skus: NO_REGIONAL_STANDARD, deprecation: '2026-04-14', retirement: '2026-10-14' },
  ] },
  'gpt-4o': { format: 'OpenAI', kind: 'chat', versions: [
    { version: '2024-08-06', skus: ALL_SKUS, deprecation: '2025-08-06', retirement: '2026-03-31' },
    { version: '2024-11-20', skus: ALL_SKUS, deprecation: '2025-11-20', retirement: '2026-06-05' },
  ] },
  'gpt-4o-mini': { format: 'OpenAI', kind: 'chat', versions: [
    { version: '2024-07-18', skus: ALL_SKUS, deprecation: '2025-07-18', retirement: '2026-03-31' },
  ] },
  // No retirement row for gpt-5 2025-08-07 in the table read.
  'gpt-5': { format: 'OpenAI', kind: 'chat', versions: [
    { version: '2025-08-07', skus: NO_REGIONAL_STANDARD },
  ] },
  // Regional provisioned only: absent from the Global and Data Zone provisioned matrices.
  'gpt-5-mini': { format: 'OpenAI', kind: 'chat', versions: [
    { version: '2025-08-07', skus: ['GlobalStandard', 'DataZoneStandard', 'ProvisionedManaged'], deprecation: '2026-08-07', retirement: '2027-02-06' },
  ] },
  'o4-mini': { format: 'OpenAI', kind: 'chat', versions: [
    { version: '2025-04-16', skus: NO_REGIONAL_STANDARD, deprecation: '2026-04-16', retirement: '2026-10-16' },
  ] },
  'text-embedding-3-large': { format: 'OpenAI', kind: 'embeddings', versions: [
    { version: '1', skus: EMBEDDING_SKUS, retirement: '2026-10-30', retirementNoEarlierThan: true },
  ] },
  'text-embedding-3-small': { format: 'OpenAI', kind: 'embeddings', versions: [
    { version: '1', skus: EMBEDDING_SKUS, retirement: '2026-10-30', retirementNoEarlierThan: true },
  ] },
};

export const MODEL_NAMES: readonly string[] = Object.keys(MODELS);

/** The catalog entry of `model` (own keys only: 'constructor' matches the model-name pattern but is no model). */
export function modelFacts(model: string): ModelFacts | undefined {
  return Object.prototype.hasOwnProperty.call(MODELS, model) ? MODELS[model] : undefined;
}

export interface ModelProblem {
  /** The deployment field at fault. */
  readonly field: 'model' | 'version' | 'sku';
  readonly message: string;
}

/**
 * Why `model` / `version` / `sku` is not a deployment the catalog knows (empty when it is). One problem at
 * most: an unknown model makes its version meaningless, an unknown version its SKU. `version` and `sku` may
 * be undefined (missing or malformed: reported elsewhere); the model is still checked.
 */
export function modelProblems(model: string, version?: string, sku?: DeploymentSku): ModelProblem[] {
  const facts = modelFacts(model);
  if (!facts) return [{ field: 'model', message: `'${model}' is not in the model catalog (catalog/models.ts); known models: ${MODEL_NAMES.join(', ')}` }];
  if (version === undefined) return [];
  const v = facts.versions.find((x) => x.version === version);
  if (!v) return [{ field: 'version', message: `'${version}' is not a known version of ${model}; known versions: ${facts.versions.map((x) => x.version).join(', ')}` }];
  if (sku === undefined || v.skus.includes(sku)) return [];
  return [{ field: 'sku', message: `${model} ${version} is not offered as ${sku}; supported: ${v.skus.join(', ')}` }];
}
