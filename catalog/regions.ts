/**
 * Regions the platform may deploy to: regions that offer Azure OpenAI / AI Services model
 * deployments, each with the short code used in resource names and its data zone (the
 * boundary a `DataZone*` deployment keeps data in). A region outside this table is refused by
 * the config schema, which is how data residency is enforced before anything is planned.
 */
export interface RegionInfo {
  /** Short code used in resource names (CAF style). */
  readonly shortCode: string;
  /** Data zone for `DataZoneStandard` / `DataZoneProvisionedManaged`, or undefined where none exists. */
  readonly dataZone?: 'EU' | 'US';
}

export const REGIONS: Readonly<Record<string, RegionInfo>> = {
  australiaeast: { shortCode: 'aue' },
  brazilsouth: { shortCode: 'brs' },
  canadacentral: { shortCode: 'cac' },
  canadaeast: { shortCode: 'cae' },
  centralus: { shortCode: 'cus', dataZone: 'US' },
  eastus: { shortCode: 'eus', dataZone: 'US' },
  eastus2: { shortCode: 'eus2', dataZone: 'US' },
  francecentral: { shortCode: 'frc', dataZone: 'EU' },
  germanywestcentral: { shortCode: 'gwc', dataZone: 'EU' },
  italynorth: { shortCode: 'itn', dataZone: 'EU' },
  japaneast: { shortCode: 'jpe' },
  koreacentral: { shortCode: 'krc' },
  northcentralus: { shortCode: 'ncus', dataZone: 'US' },
  norwayeast: { shortCode: 'nwe' },
  polandcentral: { shortCode: 'plc', dataZone: 'EU' },
  southafricanorth: { shortCode: 'san' },
  southcentralus: { shortCode: 'scus', dataZone: 'US' },
  southindia: { shortCode: 'sin' },
  spaincentral: { shortCode: 'spc', dataZone: 'EU' },
  swedencentral: { shortCode: 'sdc', dataZone: 'EU' },
  switzerlandnorth: { shortCode: 'szn' },
  uaenorth: { shortCode: 'uan' },
  uksouth: { shortCode: 'uks' },
  westeurope: { shortCode: 'weu', dataZone: 'EU' },
  westus: { shortCode: 'wus', dataZone: 'US' },
  westus3: { shortCode: 'wus3', dataZone: 'US' },
};

export function isKnownRegion(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(REGIONS, region);
}

/** Azure region names compare without case and spaces (`Sweden Central` = `swedencentral`). */
export function normalizeRegion(region: string): string {
  return region.toLowerCase().replace(/\s+/g, '');
}
