/**
 * Helpers shared by the Container Apps rules (file name does not match GAI-*.ts, so the registry
 * ignores it).
 */
import { AttributeValue } from '../../graph';

/**
 * Whether an optional, non-computed attribute is configured. A `${...}` reference (cdk.tf.json) or
 * an unknown-after-apply marker (plan JSON) is a configured value whose content is not known yet:
 * Terraform writes neither for an attribute the configuration leaves out.
 */
export function isConfigured(value: AttributeValue): boolean {
  if (value.kind === 'unknown') return true;
  if (value.kind === 'absent') return false;
  return value.value !== '' && !(Array.isArray(value.value) && value.value.length === 0);
}

/** Blocks inside a nested block value (object, list of objects, or absent). */
export function nested(block: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = block[key];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((b): b is Record<string, unknown> => b !== null && typeof b === 'object');
}

/** A container's name for messages. */
export function containerName(container: Record<string, unknown>, index: number): string {
  return typeof container.name === 'string' && !container.name.includes('${') ? container.name : `#${index + 1}`;
}
