/**
 * Model lists for GAI-DEP-002 (approved) and GAI-DEP-006 (retired or deprecated).
 *
 * APPROVED_MODELS is read from the model catalog (catalog/models.ts); RETIRED_MODELS is kept here. A STARTING
 * LIST, kept deliberately short: extend it through review, not ad hoc. Model names and
 * versions are Azure OpenAI's (`model.name` / `model.version` of `azurerm_cognitive_deployment`).
 *
 * Source: Microsoft Learn, "Azure OpenAI in Azure AI Foundry Models deprecations and retirements"
 * (MicrosoftDocs/azure-ai-docs, articles/ai-foundry/openai/concepts/model-retirements.md), read
 * 2025-10; the gpt-5 family versions from the Azure OpenAI models page (2025-08-07 release).
 * Review date: 2025-10. Re-check both lists at least quarterly: GA versions retire no earlier than
 * 12 months after launch, with at least 60 days' notice.
 */

import { MODELS } from '../../../catalog/models';

export interface ModelEntry {
  /** `model.format`. */
  readonly format: string;
  /** `model.name`. */
  readonly name: string;
  /** Versions covered; undefined means every version. */
  readonly versions?: readonly string[];
}

/**
 * Models (and versions) the platform may deploy: exactly the model catalog (catalog/models.ts), which the
 * config schema also checks deployments against. Extend the catalog through review, not this list.
 */
export const APPROVED_MODELS: readonly ModelEntry[] = Object.entries(MODELS).map(([name, facts]) => ({
  format: facts.format, name, versions: facts.versions.map((v) => v.version),
}));

/** Models (and versions) that are retired or deprecated: a deployment of them fails or soon will. */
export const RETIRED_MODELS: readonly ModelEntry[] = [
  { format: 'OpenAI', name: 'gpt-35-turbo' },
  { format: 'OpenAI', name: 'gpt-35-turbo-16k' },
  { format: 'OpenAI', name: 'gpt-4', versions: ['0314', '0613', '1106-Preview', '0125-Preview', 'vision-preview', 'turbo-2024-04-09'] },
  { format: 'OpenAI', name: 'gpt-4-32k' },
  { format: 'OpenAI', name: 'gpt-4o', versions: ['2024-05-13'] },
  { format: 'OpenAI', name: 'text-embedding-ada-002', versions: ['1'] },
];

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Entries of `list` for this format and name. */
export function entriesFor(list: readonly ModelEntry[], format: string, name: string): ModelEntry[] {
  return list.filter((e) => same(e.format, format) && same(e.name, name));
}

/** Whether an entry covers `version`. */
export function covers(entry: ModelEntry, version: string): boolean {
  return entry.versions === undefined || entry.versions.some((v) => same(v, version));
}
