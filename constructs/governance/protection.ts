import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';

/**
 * Protection of a stateful resource against loss by a config change (AVM `lock` interface).
 * `CanNotDelete` adds an Azure management lock; `none` leaves the resource deletable.
 */
export type LockKind = 'CanNotDelete' | 'none';

export interface ProtectionOptions {
  /** Azure delete lock. @default 'CanNotDelete' */
  readonly lock?: LockKind;
  /** Terraform `lifecycle.prevent_destroy`: a plan that would destroy the resource fails. @default true */
  readonly preventDestroy?: boolean;
}

/**
 * Applies `options` to a stateful resource: a `CanNotDelete` lock scoped to it and
 * `prevent_destroy`. Returns the lock, if one was made.
 */
export function protectStatefulResource(
  scope: Construct, resource: TerraformResource & { readonly id: string }, name: string, options: ProtectionOptions = {},
): ManagementLock | undefined {
  if (options.preventDestroy ?? true) {
    resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
  }
  if ((options.lock ?? 'CanNotDelete') === 'none') return undefined;
  return new ManagementLock(scope, `delete-lock-${resource.node.id}`, {
    name: `lock-${name}`.slice(0, 90),
    scope: resource.id,
    lockLevel: 'CanNotDelete',
    notes: 'Stateful platform resource: remove this lock deliberately, in a reviewed change, before deleting.',
  });
}
