import { ITerraformDependable, TerraformMetaArguments, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { isKnown, throwIfProblems } from '../validation';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';

/**
 * Seconds to wait after a role assignment before a service uses it.
 *
 * Microsoft Learn ("Troubleshoot Azure RBAC", role assignment changes are not being detected): "When you
 * assign roles or remove role assignments, it can take up to 10 minutes for changes to take effect."
 * Common practice in public Terraform modules is a `time_sleep` of 30 to 60 seconds, which is what still
 * fails now and then on a first apply. 120 seconds covers the propagation usually seen for a
 * resource-scoped assignment to a service principal, and is paid once: the wait runs again only when one
 * of its role assignments is replaced. When it is not enough, the consumer's PUT fails with 403 and
 * re-running the apply (after the grant has propagated) completes it; nothing is left half-made.
 */
export const DEFAULT_RBAC_PROPAGATION_SECONDS = 120;
/** Microsoft's documented upper bound for a role assignment to take effect (Troubleshoot Azure RBAC). */
export const MAX_RBAC_PROPAGATION_SECONDS = 600;

export interface RbacPropagationWaitProps {
  /** The grants to wait for; the wait is made again when any of them is replaced. */
  readonly roleAssignments: readonly RoleAssignment[];
  /**
   * How long to wait after the grants are created, 1 to 600 seconds (600: Microsoft's documented bound).
   * @default DEFAULT_RBAC_PROPAGATION_SECONDS (120)
   */
  readonly seconds?: number;
}

/**
 * A pause between role assignments and the resources that use them on their first apply, because Azure
 * RBAC takes time to propagate (a customer-managed-key consumer created right after its key grant fails
 * with 403). Consumers depend on `dependable`, which depends on the grants.
 *
 * Built from Terraform's built-in `terraform_data` resource (Terraform 1.4+) with a `local-exec`
 * provisioner running `sleep` (needs a POSIX shell on the runner, as CI has), and `triggers_replace` = the
 * role assignment ids so it sleeps again only when a grant is replaced. Deliberately not
 * `hashicorp/time`'s `time_sleep`: plans are validated offline against a provider mirror that holds only
 * azurerm and azapi, and a third provider would have to earn its place (docs/adr/0006-regional-key-vaults.md).
 */
export class RbacPropagationWait extends Construct {
  /** What consumers depend on instead of the grants. */
  readonly dependable: ITerraformDependable;
  readonly seconds: number;

  constructor(scope: Construct, id: string, props: RbacPropagationWaitProps) {
    super(scope, id);
    const seconds = props.seconds ?? DEFAULT_RBAC_PROPAGATION_SECONDS;
    const problems: string[] = [];
    if (props.roleAssignments.length === 0) problems.push('roleAssignments is empty: there is nothing to wait for');
    if (isKnown(seconds) && (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_RBAC_PROPAGATION_SECONDS)) {
      problems.push(`seconds must be a whole number from 1 to ${MAX_RBAC_PROPAGATION_SECONDS}, got ${seconds}`);
    }
    throwIfProblems(this.node.path, problems);
    this.seconds = seconds;
    this.dependable = new TerraformData(this, 'wait', {
      triggersReplace: { role_assignment_ids: props.roleAssignments.map((a) => a.id) },
      provisioners: [{ type: 'local-exec', command: `sleep ${seconds}` }],
      dependsOn: [...props.roleAssignments],
    });
  }
}

/**
 * Terraform's built-in `terraform_data` (Terraform 1.4+; this project requires 1.11+), written as cdktf's
 * `DataResource` writes it. Not cdktf's class itself: its construct validation runs `terraform version`
 * during synth, so `npm run synth` and every test would need a terraform binary on PATH.
 */
class TerraformData extends TerraformResource {
  private readonly triggersReplace: Readonly<Record<string, unknown>>;

  constructor(scope: Construct, id: string, config: TerraformMetaArguments & { readonly triggersReplace: Readonly<Record<string, unknown>> }) {
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: { providerName: 'terraform' },
      dependsOn: config.dependsOn,
      provisioners: config.provisioners,
      lifecycle: config.lifecycle,
    });
    this.triggersReplace = config.triggersReplace;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return { triggers_replace: this.triggersReplace };
  }
}
