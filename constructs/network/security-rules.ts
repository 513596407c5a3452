/**
 * NSG rules per subnet. Azure's default rules already allow VNet-internal and load-balancer traffic
 * and deny the rest; these rules add what each service needs and make the Internet deny explicit
 * (a reviewer reads it in the plan instead of recalling the defaults).
 * APIM rules: learn.microsoft.com/azure/api-management/api-management-using-with-internal-vnet
 * ("Configure NSG rules", stv2 Internal mode).
 */
export interface SecurityRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  readonly protocol: 'Tcp' | 'Udp' | '*';
  readonly source: string;
  readonly destination: string;
  readonly ports: readonly string[];
  readonly description: string;
}

const DENY_INTERNET_INBOUND: SecurityRule = {
  name: 'DenyInternetInbound', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*',
  source: 'Internet', destination: '*', ports: ['*'], description: 'Nothing in this subnet is reachable from the Internet',
};

export const SUBNET_SECURITY_RULES: Readonly<Record<'apim' | 'apps' | 'privateEndpoints', readonly SecurityRule[]>> = {
  apim: [
    { name: 'AllowApimManagementInbound', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'ApiManagement', destination: 'VirtualNetwork', ports: ['3443'], description: 'APIM control plane (management endpoint)' },
    { name: 'AllowLoadBalancerInbound', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', destination: 'VirtualNetwork', ports: ['6390'], description: 'Azure infrastructure load balancer health probe' },
    { name: 'AllowVnetHttpsInbound', priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork', ports: ['443'], description: 'Internal callers of the gateway' },
    DENY_INTERNET_INBOUND,
    { name: 'AllowStorageOutbound', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'Storage', ports: ['443'], description: 'APIM dependency: Azure Storage' },
    { name: 'AllowSqlOutbound', priority: 110, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'Sql', ports: ['1433'], description: 'APIM dependency: Azure SQL' },
    { name: 'AllowKeyVaultOutbound', priority: 120, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'AzureKeyVault', ports: ['443'], description: 'APIM dependency: Key Vault' },
    { name: 'AllowMonitorOutbound', priority: 130, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'AzureMonitor', ports: ['1886', '443'], description: 'APIM diagnostics, metrics and health' },
  ],
  apps: [
    { name: 'AllowVnetHttpsInbound', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork', ports: ['443', '80'], description: 'Internal ingress of the Container Apps environment' },
    DENY_INTERNET_INBOUND,
  ],
  privateEndpoints: [
    { name: 'AllowVnetPrivateEndpointInbound', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork', ports: ['443', '10000'], description: 'HTTPS to PaaS endpoints; 10000 is Azure Managed Redis (TLS)' },
    { name: 'DenyOtherInbound', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', source: '*', destination: '*', ports: ['*'], description: 'Private endpoints serve only the ports above' },
    DENY_INTERNET_INBOUND,
  ],
};
