/**
 * The architecture a plan declares, as a small graph the renderers (Mermaid, DOT, Markdown) share:
 * layers (one per resource group), the main resources in them, every private endpoint with its
 * target and subnet, every role assignment (principal -> role -> scope), the identities resources
 * use, and the request path through the AI gateway.
 *
 * Everything is read from the synthesized plan through the policy engine's model
 * (`policy/plan.ts`, `policy/graph.ts`), never from the environment config, so the picture shows
 * what Terraform will create.
 */
import { service, typesWhere } from '../../catalog/services';
import { RESOURCE_GROUP_ROLES } from '../../environments/schema';
import { AttributeValue, ResourceGraph, addTo, attribute, blocks } from '../../policy/graph';
import { Plan, PlanResource, collectReferences } from '../../policy/plan';
import { knownString } from '../../policy/rule';

export interface Layer {
  /** Diagram id (`layer_ai`). */
  readonly id: string;
  /** The role the resource group's name ends with (`ai`), or the group's name when it has none. */
  readonly role: string;
  /** The resource group's `name`. */
  readonly resourceGroup: string;
  /** Every plan resource placed in this group (drawn or not). */
  readonly resourceCount: number;
  /** Resources in this group that are not drawn, counted by type (`monitor_diagnostic_setting: 4`). */
  readonly notDrawn: Readonly<Record<string, number>>;
}

export type NodeKind = 'resource' | 'private-endpoint' | 'identity' | 'external';

export interface DiagramNode {
  /** Identifier safe for Mermaid and DOT (`[A-Za-z0-9_]`). */
  readonly id: string;
  readonly kind: NodeKind;
  /** Label lines: the resource type's short name, then its `name` attribute, then details. */
  readonly lines: readonly string[];
  /** The layer id, when the resource sits in a resource group of the plan. */
  readonly layer?: string;
  /** The plan address, for nodes that are plan resources. */
  readonly address?: string;
}

/**
 * - `request`: the request path (client -> gateway -> pool -> models, app -> gateway, ...)
 * - `private-link`: private endpoint -> its target, labelled with the sub-resource
 * - `subnet`: a resource -> the subnet it sits in (endpoints, VNet-injected services)
 * - `role`: principal -> scope, labelled with the role(s)
 * - `identity`: a resource -> the user-assigned identity it runs as or encrypts with
 * - `contains`: VNet -> subnet, Container Apps environment -> app
 */
export type EdgeKind = 'request' | 'private-link' | 'subnet' | 'role' | 'identity' | 'contains';

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Label lines (several roles on one principal/scope pair are one edge with one line each). */
  readonly labels: readonly string[];
}

export interface PrivateEndpointRow {
  readonly address: string;
  readonly nodeId: string;
  readonly name: string;
  readonly layer?: string;
  /** `type name` of the target, or the literal resource id when the target is outside the plan. */
  readonly target: string;
  readonly targetNodeId: string;
  readonly subresources: readonly string[];
  readonly subnet: string;
  readonly subnetNodeId?: string;
  /** Zone names (`privatelink.vaultcore.azure.net`), from zones in the plan or hub zone ids. */
  readonly dnsZones: readonly string[];
}

export interface RoleAssignmentRow {
  readonly address: string;
  readonly principal: string;
  readonly principalKind: 'user-assigned identity' | 'system-assigned identity' | 'deployer' | 'other';
  readonly principalNodeId: string;
  readonly role: string;
  readonly scope: string;
  readonly scopeNodeId: string;
}

export interface Architecture {
  readonly environment: string;
  /** The plan file the architecture was read from, as given. */
  readonly source: string;
  readonly resourceCount: number;
  readonly layers: readonly Layer[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  readonly privateEndpoints: readonly PrivateEndpointRow[];
  readonly roleAssignments: readonly RoleAssignmentRow[];
}

/**
 * Types drawn in their layer even when nothing below points at them: the platform's main
 * components (catalog/services.ts `diagram`). Anything else is drawn only when it is an endpoint
 * target, a role scope or on the request path; the rest (diagnostic settings, locks, budgets, DNS
 * records, NSG rules, ...) is counted per layer.
 */
const COMPONENT_TYPES = typesWhere((entry) => entry.diagram?.component === true);

/** Attributes naming a resource's parent, tried before other references to place it in a layer. */
const PARENT_ATTRIBUTES = ['parent_id', 'api_management_id', 'resource_id', 'scope', 'target_resource_id', 'key_vault_id',
  'cognitive_account_id', 'storage_account_id', 'container_app_environment_id', 'virtual_network_id'];

/** Reads the architecture a plan declares. */
export function buildArchitecture(plan: Plan, environment: string): Architecture {
  return new ArchitectureBuilder(new ResourceGraph(plan), environment).build();
}

/** The architecture's nodes by layer id (`undefined`: outside every layer), each list in node order. */
export function nodesByLayer(arch: Architecture): Map<string | undefined, DiagramNode[]> {
  const byLayer = new Map<string | undefined, DiagramNode[]>();
  for (const node of arch.nodes) addTo(byLayer, node.layer, node);
  return byLayer;
}

/** What an attribute refers to: a resource of the plan, or something outside it named by the value as written. */
type Pointee = { readonly nodeId: string } & ({ readonly resource: PlanResource } | { readonly resource?: undefined; readonly text: string });

/** How to draw a pointee outside the plan: node id `<prefix>_<last id segment>`, lines `[title, label(text)]`. */
interface Outside {
  readonly prefix: string;
  readonly title: string;
  readonly label?: (text: string) => string;
  /** The text when the attribute is absent. */
  readonly absent: string;
}

class ArchitectureBuilder {
  private readonly layers = new Map<string, { id: string; role: string; resourceGroup: string; order: number }>();
  private readonly layerByAddress = new Map<string, string | undefined>();
  private readonly nodes = new Map<string, DiagramNode>();
  private readonly nodeIdByAddress = new Map<string, string>();
  private readonly externalIds = new Map<string, string>();
  private readonly edges = new Map<string, { from: string; to: string; kind: EdgeKind; labels: string[] }>();

  constructor(private readonly graph: ResourceGraph, private readonly environment: string) {}

  build(): Architecture {
    for (const type of COMPONENT_TYPES) for (const r of this.graph.ofType(type)) this.node(r);
    const privateEndpoints = this.graph.ofType('azurerm_private_endpoint').map((pe) => this.privateEndpoint(pe));
    const roleAssignments = this.graph.ofType('azurerm_role_assignment').map((ra) => this.roleAssignment(ra));
    this.requestPath();
    this.placement();

    const drawn = new Set(this.nodeIdByAddress.keys());
    const layerStats = new Map<string, { count: number; notDrawn: Record<string, number> }>();
    for (const r of this.graph.resources) {
      const layer = this.layerOf(r);
      if (!layer) continue;
      const stats = layerStats.get(layer) ?? { count: 0, notDrawn: {} };
      stats.count++;
      if (!drawn.has(r.address) && r.type !== 'azurerm_resource_group') stats.notDrawn[shortType(r)] = (stats.notDrawn[shortType(r)] ?? 0) + 1;
      layerStats.set(layer, stats);
    }
    const layers = [...this.layers.values()]
      .sort((a, b) => a.order - b.order || a.resourceGroup.localeCompare(b.resourceGroup))
      .map((l): Layer => ({
        id: l.id, role: l.role, resourceGroup: l.resourceGroup,
        resourceCount: layerStats.get(l.id)?.count ?? 0,
        notDrawn: sortRecord(layerStats.get(l.id)?.notDrawn ?? {}),
      }));
    const layerOrder = new Map(layers.map((l, i) => [l.id, i]));
    const kindOrder: NodeKind[] = ['external', 'identity', 'resource', 'private-endpoint'];
    const nodes = [...this.nodes.values()].sort((a, b) =>
      (layerOrder.get(a.layer ?? '') ?? -1) - (layerOrder.get(b.layer ?? '') ?? -1)
      || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind)
      || a.id.localeCompare(b.id));
    const edgeOrder: EdgeKind[] = ['request', 'private-link', 'subnet', 'contains', 'identity', 'role'];
    const edges = [...this.edges.values()].sort((a, b) =>
      edgeOrder.indexOf(a.kind) - edgeOrder.indexOf(b.kind) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
    return {
      environment: this.environment,
      source: this.graph.plan.file,
      resourceCount: this.graph.resources.length,
      layers,
      nodes,
      edges,
      privateEndpoints: privateEndpoints.sort((a, b) => a.name.localeCompare(b.name)),
      roleAssignments: roleAssignments.sort((a, b) => a.principal.localeCompare(b.principal) || a.scope.localeCompare(b.scope) || a.role.localeCompare(b.role)),
    };
  }

  // ---- layers ------------------------------------------------------------------------------

  /** The layer of a resource: its `resource_group_name`, else its parent's (or a referenced resource's). */
  private layerOf(r: PlanResource, depth = 0): string | undefined {
    if (this.layerByAddress.has(r.address)) return this.layerByAddress.get(r.address);
    let layer: string | undefined;
    if (r.type === 'azurerm_resource_group') layer = this.layerForGroup(r);
    else {
      const group = attribute(r, 'resource_group_name');
      if (group.kind === 'unknown') {
        const target = this.graph.resolve(group);
        if (target?.type === 'azurerm_resource_group') layer = this.layerForGroup(target);
      } else if (group.kind === 'known' && typeof group.value === 'string') {
        layer = this.layerForName(group.value);
      }
      if (layer === undefined && depth < 4) {
        const parents = PARENT_ATTRIBUTES.map((p) => this.graph.resolve(attribute(r, p))).filter((p): p is PlanResource => p !== undefined);
        const others = r.references.map((a) => this.graph.get(a)).filter((p): p is PlanResource => p !== undefined);
        for (const candidate of [...parents, ...others]) {
          if (candidate.address === r.address || candidate.type === 'azurerm_role_assignment') continue;
          layer = this.layerOf(candidate, depth + 1);
          if (layer !== undefined) break;
        }
        // An RBAC propagation wait references only its role assignments: it sits with what they grant on.
        for (const grant of others.filter((o) => o.type === 'azurerm_role_assignment')) {
          if (layer !== undefined) break;
          const scope = this.graph.resolve(attribute(grant, 'scope'));
          if (scope) layer = this.layerOf(scope, depth + 1);
        }
      }
    }
    if (depth === 0 || layer !== undefined) this.layerByAddress.set(r.address, layer);
    return layer;
  }

  private layerForGroup(group: PlanResource): string {
    return this.layerForName(displayName(group));
  }

  private layerForName(groupName: string): string {
    const index = RESOURCE_GROUP_ROLES.findIndex((role) => groupName === role || groupName.endsWith(`-${role}`));
    const role = index >= 0 ? RESOURCE_GROUP_ROLES[index] : groupName;
    const id = `layer_${sanitizeId(role)}`;
    if (!this.layers.has(id)) this.layers.set(id, { id, role, resourceGroup: groupName, order: index >= 0 ? index : RESOURCE_GROUP_ROLES.length });
    return id;
  }

  // ---- nodes and edges ---------------------------------------------------------------------

  /** The node of a plan resource, created on first use. */
  private node(r: PlanResource): string {
    const existing = this.nodeIdByAddress.get(r.address);
    if (existing) return existing;
    const kind: NodeKind = service(r.type)?.diagram?.node ?? 'resource';
    const lines = [shortType(r), displayName(r), ...this.details(r)];
    // Ids from Azure names (CAF names carry the type: `apim_genai_prod_sdc_npvo`); else type and
    // Terraform name without cdktf's 8-digit hash.
    const name = knownString(r, 'name');
    const base = name ?? `${shortType(r)}_${r.name.replace(/_[0-9A-F]{8}$/, '')}`;
    return this.addNode({ id: this.uniqueId(base), kind, lines, layer: this.layerOf(r), address: r.address });
  }

  /** A node for something outside the plan (clients, the deployer, a literal resource id). */
  private external(key: string, idBase: string, lines: string[]): string {
    const existing = this.externalIds.get(key);
    if (existing) return existing;
    const id = this.uniqueId(idBase);
    this.externalIds.set(key, id);
    this.nodes.set(id, { id, kind: 'external', lines });
    return id;
  }

  /**
   * The node of what `value` refers to: the plan resource (the first `targetsOf` finds), else, with
   * `outside`, an external node keyed by the value as written; else undefined.
   */
  private pointee(value: AttributeValue, outside: Outside): Pointee;
  private pointee(value: AttributeValue, outside?: Outside): Pointee | undefined;
  private pointee(value: AttributeValue, outside?: Outside): Pointee | undefined {
    const resource = this.graph.targetsOf(value)[0];
    if (resource) return { resource, nodeId: this.node(resource) };
    if (!outside) return undefined;
    const text = value.kind === 'known' ? String(value.value) : value.kind === 'unknown' ? value.expression : outside.absent;
    const label = (outside.label ?? lastSegment)(text);
    return { text, nodeId: this.external(`${outside.prefix} ${text}`, `${outside.prefix}_${lastSegment(text)}`, [outside.title, label]) };
  }

  private addNode(node: DiagramNode): string {
    this.nodes.set(node.id, node);
    if (node.address) this.nodeIdByAddress.set(node.address, node.id);
    return node.id;
  }

  private uniqueId(base: string): string {
    const id = sanitizeId(base);
    let unique = id;
    for (let i = 2; this.nodes.has(unique); i++) unique = `${id}_${i}`;
    return unique;
  }

  private edge(from: string, to: string, kind: EdgeKind, label?: string): void {
    const key = `${kind}|${from}|${to}`;
    const edge = this.edges.get(key) ?? { from, to, kind, labels: [] };
    if (label && !edge.labels.includes(label)) edge.labels.push(label);
    this.edges.set(key, edge);
  }

  /** Extra label lines: a model account's deployments, an app's replicas. */
  private details(r: PlanResource): string[] {
    if (r.type === 'azurerm_cognitive_account') {
      const deployments = this.graph.referrersAt(r, 'azurerm_cognitive_deployment', 'cognitive_account_id').map(displayName).sort();
      const location = knownString(r, 'location');
      return [
        ...(location ? [location] : []),
        ...(deployments.length > 0 ? [`deployments: ${deployments.join(', ')}`] : []),
      ];
    }
    if (r.type === 'azurerm_subnet') {
      const prefixes = attribute(r, 'address_prefixes');
      return prefixes.kind === 'known' && Array.isArray(prefixes.value) ? [prefixes.value.join(', ')] : [];
    }
    if (r.type === 'azurerm_api_management') {
      const sku = knownString(r, 'sku_name');
      const mode = knownString(r, 'virtual_network_type');
      return [[sku, mode ? `${mode} VNet` : undefined].filter(Boolean).join(', ')].filter(Boolean);
    }
    return [];
  }

  // ---- private endpoints -------------------------------------------------------------------

  private privateEndpoint(pe: PlanResource): PrivateEndpointRow {
    const nodeId = this.node(pe);
    const target = this.pointee(attribute(pe, 'private_service_connection.private_connection_resource_id'),
      { prefix: 'target', title: 'resource outside the plan', absent: '(none)' });
    const subresources = knownStrings(attribute(pe, 'private_service_connection.subresource_names'));
    this.edge(nodeId, target.nodeId, 'private-link', subresources.join(', ') || undefined);

    // A subnet outside the plan is drawn only when its id is a literal.
    const subnetValue = attribute(pe, 'subnet_id');
    const literal = subnetValue.kind === 'known' && typeof subnetValue.value === 'string';
    const subnet = this.pointee(subnetValue, literal ? { prefix: 'subnet', title: 'subnet outside the plan', absent: '(unknown)' } : undefined);
    if (subnet) this.edge(nodeId, subnet.nodeId, 'subnet');

    const dnsZones = blocks(pe, 'private_dns_zone_group').flatMap((group) => {
      const ids = group.private_dns_zone_ids;
      return (Array.isArray(ids) ? ids : []).map((id: unknown) => {
        if (typeof id !== 'string') return String(id);
        const zone = this.graph.targetsOf({ kind: 'known', value: id })[0];
        return zone ? displayName(zone) : lastSegment(id);
      });
    });
    return {
      address: pe.address, nodeId, name: displayName(pe), layer: this.layerOf(pe),
      target: target.resource ? described(target.resource) : target.text, targetNodeId: target.nodeId, subresources,
      subnet: subnet?.resource ? displayName(subnet.resource) : subnet ? lastSegment(subnet.text) : '(unknown)',
      subnetNodeId: subnet?.nodeId, dnsZones,
    };
  }

  // ---- identities and roles ----------------------------------------------------------------

  private roleAssignment(ra: PlanResource): RoleAssignmentRow {
    const role = knownString(ra, 'role_definition_name') ?? lastSegment(knownString(ra, 'role_definition_id') ?? '(unknown role)');
    const principalValue = attribute(ra, 'principal_id');
    const principalResource = this.graph.resolve(principalValue);
    let principal: string;
    let principalKind: RoleAssignmentRow['principalKind'];
    let principalNodeId: string;
    let label = role;
    if (principalResource?.type === 'azurerm_user_assigned_identity') {
      principal = displayName(principalResource);
      principalKind = 'user-assigned identity';
      principalNodeId = this.node(principalResource);
    } else if (principalResource) {
      // `${azurerm_api_management.x.identity[0].principal_id}`: the resource's system-assigned identity.
      principal = `${displayName(principalResource)} (system-assigned)`;
      principalKind = 'system-assigned identity';
      principalNodeId = this.node(principalResource);
      label = `${role} (system-assigned identity)`;
    } else {
      const expression = principalValue.kind === 'unknown' ? principalValue.expression : '';
      const data = /\$\{data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\./.exec(expression);
      if (data?.[1] === 'azurerm_client_config') {
        principal = 'deployer (Terraform client identity)';
        principalKind = 'deployer';
        principalNodeId = this.external('deployer', 'deployer', ['deployer', 'Terraform client identity']);
      } else if (data?.[1] === 'azurerm_user_assigned_identity') {
        // With remote state the deployer is the environment's CI deploy identity, created by the state stack.
        principal = 'deployer (CI deploy identity)';
        principalKind = 'deployer';
        principalNodeId = this.external('deployer', 'deployer', ['deployer', 'CI deploy identity']);
      } else {
        const value = principalValue.kind === 'known' ? String(principalValue.value) : expression || '(unknown)';
        principal = data ? `data ${data[1]}` : value;
        principalKind = 'other';
        principalNodeId = this.external(`principal ${principal}`, `principal_${lastSegment(principal)}`, ['principal', principal]);
      }
    }
    const scope = this.pointee(attribute(ra, 'scope'), { prefix: 'scope', title: 'scope outside the plan', label: scopeLabel, absent: '(unknown)' });
    this.edge(principalNodeId, scope.nodeId, 'role', label);
    return {
      address: ra.address, principal, principalKind, principalNodeId, role,
      scope: scope.resource ? described(scope.resource) : scope.text, scopeNodeId: scope.nodeId,
    };
  }

  // ---- request path ------------------------------------------------------------------------

  private requestPath(): void {
    for (const gateway of this.graph.ofType('azurerm_api_management')) {
      const gatewayId = this.node(gateway);
      const teams = this.graph.referrersAt(gateway, 'azurerm_api_management_product', 'api_management_name')
        .map((p) => knownString(p, 'product_id') ?? displayName(p)).sort();
      const client = this.external(`clients ${gateway.address}`, 'clients', ['clients', ...(teams.length > 0 ? [`team products: ${teams.join(', ')}`] : [])]);
      this.edge(client, gatewayId, 'request', 'HTTPS, subscription key');

      for (const app of this.graph.referrersOf(gateway, 'azurerm_container_app')) this.edge(this.node(app), gatewayId, 'request', 'gateway URL');

      const pooled = new Set<string>();
      for (const pool of this.graph.referrersAt(gateway, 'azapi_resource', 'parent_id').filter(isBackendPool)) {
        const poolId = this.node(pool);
        this.edge(gatewayId, poolId, 'request', 'backend pool');
        const services = blocks(pool, 'body.properties.pool.services');
        for (const service of services) {
          const backend = this.graph.targetsOf({ kind: 'known', value: service.id })[0];
          if (!backend) continue;
          pooled.add(backend.address);
          const priority = typeof service.priority === 'number' ? `priority ${service.priority}` : undefined;
          this.edge(poolId, this.backendTarget(backend), 'request', [priority, displayName(backend)].filter(Boolean).join(': '));
        }
      }
      for (const backend of this.graph.referrersAt(gateway, 'azurerm_api_management_backend', 'api_management_name')) {
        if (pooled.has(backend.address)) continue;
        this.edge(gatewayId, this.backendTarget(backend), 'request', `backend ${displayName(backend)}`);
      }

      for (const link of this.graph.referrersAt(gateway, 'azurerm_api_management_redis_cache', 'api_management_id')) {
        const cache = this.graph.resolve(attribute(link, 'redis_cache_id'));
        if (cache) this.edge(gatewayId, this.node(cache), 'request', `semantic cache (${displayName(link)})`);
      }
    }

    // Search's data plane: what its identities may read (indexers on storage, vectorizers on models).
    for (const search of this.graph.ofType('azurerm_search_service')) {
      const searchId = this.node(search);
      for (const app of this.graph.referrersOf(search, 'azurerm_container_app')) this.edge(this.node(app), searchId, 'request', 'queries index');
      for (const identity of this.identitiesOf(search)) {
        for (const ra of this.graph.referrersAt(identity, 'azurerm_role_assignment', 'principal_id')) {
          const scope = this.graph.resolve(attribute(ra, 'scope'));
          if (scope?.type === 'azurerm_storage_account') this.edge(searchId, this.node(scope), 'request', 'indexes documents');
          if (scope?.type === 'azurerm_cognitive_account') this.edge(searchId, this.node(scope), 'request', 'embeddings');
        }
      }
    }
  }

  /** Where an APIM backend sends requests: the model account whose endpoint its URL names. */
  private backendTarget(backend: PlanResource): string {
    const url = attribute(backend, 'url');
    const account = this.graph.resolve(url) ?? (url.kind === 'known' && typeof url.value === 'string' ? this.accountByUrl(url.value) : undefined);
    if (account) return this.node(account);
    const host = url.kind === 'known' ? hostOf(String(url.value)) : '(unknown)';
    return this.external(`backend ${backend.address}`, `backend_${displayName(backend)}`, ['backend', displayName(backend), host]);
  }

  private accountByUrl(url: string): PlanResource | undefined {
    const host = hostOf(url).toLowerCase();
    return this.graph.ofType('azurerm_cognitive_account').find((account) => {
      const subdomain = knownString(account, 'custom_subdomain_name');
      return subdomain !== undefined && host.startsWith(`${subdomain.toLowerCase()}.`);
    });
  }

  private identitiesOf(r: PlanResource): PlanResource[] {
    return r.references.map((a) => this.graph.get(a)).filter((x): x is PlanResource => x?.type === 'azurerm_user_assigned_identity');
  }

  // ---- placement: subnets, containment, identities in use ------------------------------------

  private placement(): void {
    for (const [address, nodeId] of [...this.nodeIdByAddress.entries()]) {
      const r = this.graph.get(address);
      if (!r) continue;
      if (r.type === 'azurerm_subnet') {
        const vnet = this.graph.resolve(attribute(r, 'virtual_network_name'));
        if (vnet) this.edge(this.node(vnet), nodeId, 'contains');
        continue;
      }
      if (r.type === 'azurerm_container_app') {
        const environment = this.graph.resolve(attribute(r, 'container_app_environment_id'));
        if (environment) this.edge(this.node(environment), nodeId, 'contains', 'hosts');
      }
      if (r.type !== 'azurerm_private_endpoint') {
        for (const ref of r.references) {
          const subnet = this.graph.get(ref);
          if (subnet?.type === 'azurerm_subnet') this.edge(nodeId, this.node(subnet), 'subnet', 'VNet integration');
        }
      }
      if (r.type !== 'azurerm_user_assigned_identity') {
        for (const identity of this.identitiesOf(r)) this.edge(nodeId, this.node(identity), 'identity', identityUse(r, identity));
      }
    }
  }
}

// ---- helpers -------------------------------------------------------------------------------

function isBackendPool(r: PlanResource): boolean {
  const type = knownString(r, 'type') ?? '';
  return /\/service\/backends@/i.test(type) && knownString(r, 'body.properties.type') === 'Pool';
}

/** `customer-managed key` when the resource names the identity in its CMK settings, else `runs as`. */
function identityUse(r: PlanResource, identity: PlanResource): string {
  return collectReferences(r.values.customer_managed_key).includes(identity.address) ? 'customer-managed key' : 'runs as';
}

/** `azurerm_api_management` -> `api_management`; azapi resources by their ARM type (`backend_pool`). */
function shortType(r: PlanResource): string {
  if (r.type === 'azapi_resource' || r.type === 'azapi_update_resource') {
    if (isBackendPool(r)) return 'backend_pool';
    const arm = (knownString(r, 'type') ?? '').split('@')[0];
    return `azapi_${arm.split('/').pop() ?? 'resource'}`;
  }
  return r.type.replace(/^(azurerm|azapi|azuread)_/, '');
}

/** The resource's `name` attribute when known, else its Terraform name. */
function displayName(r: PlanResource): string {
  return knownString(r, 'name') ?? r.name;
}

/** `type name`: how a table names a resource of the plan (`key_vault kv-genai-prod`). */
function described(r: PlanResource): string {
  return `${shortType(r)} ${displayName(r)}`;
}

function knownStrings(value: ReturnType<typeof attribute>): string[] {
  if (value.kind !== 'known') return [];
  return (Array.isArray(value.value) ? value.value : [value.value]).filter((v): v is string => typeof v === 'string');
}

function lastSegment(id: string): string {
  return id.replace(/\/+$/, '').split('/').pop() ?? id;
}

function scopeLabel(scope: string): string {
  const parts = scope.split('/').filter(Boolean);
  return parts.length >= 2 ? `${parts[parts.length - 2]}/${parts[parts.length - 1]}` : scope;
}

function hostOf(url: string): string {
  const m = /^[a-z]+:\/\/([^/:]+)/i.exec(url);
  return m ? m[1] : url;
}

function sortRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Mermaid and DOT safe: letters, digits and underscores, never starting with a digit. */
function sanitizeId(value: string): string {
  const id = value.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  // Mermaid reads a leading `end` as the keyword closing a subgraph, and other keywords as statements.
  const reserved = /^end/i.test(id) || /^(graph|flowchart|subgraph|direction|style|class|classDef|linkStyle|click|default)$/i.test(id);
  return /^[A-Za-z]/.test(id) && !reserved ? id : `n_${id}`;
}
