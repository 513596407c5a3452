import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Naming } from '../naming';
import { throwIfProblems } from '../validation';

export { LockKind, ProtectionOptions, lockPrivateEndpoint, protectStatefulResource } from './protection';
export { RequiredTags } from './tags';

export interface GovernanceProps {
  readonly naming: Naming;
  readonly location: string;
  /** One resource group is created per role, named `rg-<workload>-<env>-<region>-<role>`. */
  readonly resourceGroupRoles: readonly string[];
}

export interface BudgetOptions {
  /** Monthly amount per resource group role, in the billing currency. */
  readonly monthlyAmounts: Readonly<Record<string, number>>;
  /** Emailed at every threshold. */
  readonly contactEmails: readonly string[];
  /** Action group notified at every threshold. */
  readonly actionGroupResourceId: string;
  /**
   * First day of the first budget month, `YYYY-MM-01`.
   * @default the month of creation; later changes to the period are ignored
   */
  readonly startDate?: string;
}

/** Notifications of every budget: early warnings on actual spend, and a forecast breach. */
export const BUDGET_THRESHOLDS = [
  { threshold: 50, thresholdType: 'Actual' },
  { threshold: 80, thresholdType: 'Actual' },
  { threshold: 100, thresholdType: 'Actual' },
  { threshold: 110, thresholdType: 'Forecasted' },
] as const;

/** Resource groups of an environment and their consumption budgets. */
export class Governance extends Construct {
  private readonly groups = new Map<string, ResourceGroup>();

  constructor(scope: Construct, id: string, props: GovernanceProps) {
    super(scope, id);
    for (const role of props.resourceGroupRoles) {
      this.groups.set(role, new ResourceGroup(this, `rg-${role}`, {
        name: props.naming.name('resourceGroup', role),
        location: props.location,
      }));
    }
  }

  /** The resource group of `role`. */
  resourceGroup(role: string): { readonly name: string; readonly resourceId: string } {
    const group = this.groups.get(role);
    if (!group) throw new Error(`No resource group with role '${role}'; roles: ${[...this.groups.keys()].join(', ')}`);
    return { name: group.name, resourceId: group.id };
  }

  /** A monthly consumption budget on each resource group, with 50/80/100 % actual and 110 % forecast alerts. */
  addBudgets(options: BudgetOptions): ConsumptionBudgetResourceGroup[] {
    const missing = [...this.groups.keys()].filter((role) => !(role in options.monthlyAmounts));
    throwIfProblems(this.node.path, missing.length > 0 ? [`Budget amounts missing for resource groups: ${missing.join(', ')}`] : []);
    return [...this.groups.entries()].map(([role, group]) => resourceGroupBudget(this, `budget-${role}`, {
      name: `budget-${group.name}`,
      resourceGroupId: group.id,
      amount: options.monthlyAmounts[role],
      contactEmails: options.contactEmails,
      actionGroupResourceId: options.actionGroupResourceId,
      startDate: options.startDate,
    }));
  }
}

export interface ResourceGroupBudgetProps {
  readonly name: string;
  readonly resourceGroupId: string;
  /** Monthly amount in the billing currency. */
  readonly amount: number;
  /** Emailed at every threshold. */
  readonly contactEmails: readonly string[];
  /** Action group notified at every threshold. @default email only */
  readonly actionGroupResourceId?: string;
  /** First day of the first budget month, `YYYY-MM-01`. @default the month of creation; later changes to the period are ignored */
  readonly startDate?: string;
}

/** A monthly consumption budget on one resource group, with 50/80/100 % actual and 110 % forecast alerts. */
export function resourceGroupBudget(scope: Construct, id: string, props: ResourceGroupBudgetProps): ConsumptionBudgetResourceGroup {
  return new ConsumptionBudgetResourceGroup(scope, id, {
    name: props.name,
    resourceGroupId: props.resourceGroupId,
    amount: props.amount,
    timeGrain: 'Monthly',
    timePeriod: {
      startDate: props.startDate ? `${props.startDate}T00:00:00Z` : Fn.formatdate("YYYY-MM-01'T'00:00:00Z", Fn.timestamp()),
    },
    notification: BUDGET_THRESHOLDS.map((t) => ({
      enabled: true,
      operator: 'GreaterThanOrEqualTo',
      threshold: t.threshold,
      thresholdType: t.thresholdType,
      contactEmails: [...props.contactEmails],
      contactGroups: props.actionGroupResourceId ? [props.actionGroupResourceId] : undefined,
    })),
    // The creation-month default is computed at plan time; it must not move the budget later.
    lifecycle: props.startDate ? undefined : { ignoreChanges: ['time_period'] },
  });
}
