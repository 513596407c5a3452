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
 * `prevent_destroy`. Returns the lock, if one was made. A construct that also creates a private
 * endpoint for the resource locks it with `lockPrivateEndpoint` and the same `options`.
 */
export function protectStatefulResource(
  scope: Construct, resource: TerraformResource & { readonly id: string }, name: string, options: ProtectionOptions = {},
): ManagementLock | undefined {
  if (options.preventDestroy ?? true) {
    resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
  }
  if (lockKind(options) === 'none') return undefined;
  return new ManagementLock(scope, `delete-lock-${resource.node.id}`, {
    name: lockName(name),
    scope: resource.id,
    lockLevel: 'CanNotDelete',
    notes: 'Stateful platform resource: remove this lock deliberately, in a reviewed change, before deleting.',
  });
}

/**
 * Puts the lock `options` give a protected resource on that resource's private endpoint too: the
 * same level, named `lock-<endpoint name>` like the resource's. AVM's lock interface: "Locks MUST be
 * automatically applied to cross-referenced resources if the primary resource has a lock applied", its
 * example being a Key Vault's private endpoint (Azure/Azure-Verified-Modules
 * docs/content/specs-defs/specs/terraform/interfaces.md, "Resource Locks", with
 * docs/static/includes/interfaces/tf/int.locks.schema.tf and the `lock` of int.pe.schema.tf). The
 * services are closed to public networks, so deleting the endpoint cuts the platform off a service
 * that cannot itself be deleted. Pass the resource's own `options`: no lock on it, none on the
 * endpoint. Returns the lock, if one was made.
 */
export function lockPrivateEndpoint(
  endpoint: Construct & { readonly resourceId: string; readonly name: string }, options: ProtectionOptions = {},
): ManagementLock | undefined {
  if (lockKind(options) === 'none') return undefined;
  return new ManagementLock(endpoint, 'delete-lock', {
    name: lockName(endpoint.name),
    scope: endpoint.resourceId,
    lockLevel: 'CanNotDelete',
    notes: 'Private endpoint of a locked platform resource, which is reachable only through it: remove this lock '
      + 'deliberately, in a reviewed change, before deleting.',
  });
}

function lockKind(options: ProtectionOptions): LockKind {
  return options.lock ?? 'CanNotDelete';
}

/** Azure allows lock names of up to 90 characters. */
function lockName(name: string): string {
  return `lock-${name}`.slice(0, 90);
}
