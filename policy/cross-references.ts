/**
 * How the policy rules relate to the Checkov, PSRule for Azure and Azure Policy controls they cite
 * (docs/security-review.md, "Cross-references"): every citation is `same`, `stricter` or `related`, and
 * citations that meant something else (or the opposite) are listed in DROPPED so that nobody adds them back.
 *
 * Read from the sources at these commits on 2026-12-07: Checkov 3.3.13 (bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f),
 * Azure Policy built-ins (Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29) and PSRule for Azure from the
 * stored file versions, whose commits are in each `source`. MCSB citations are not classified here.
 */

/** How a cited control relates to the rule that cites it (docs/security-review.md, "Cross-references"). */
export type Relation = 'same' | 'stricter' | 'related';

export interface CrossReference {
  readonly relation: Relation;
  /** What the cited control checks, in one short sentence, read from its source. */
  readonly checks: string;
  /** Why the relation is not "same" (required unless relation is 'same'). */
  readonly note?: string;
}

export interface ForeignControl { readonly name: string; readonly resources: readonly string[]; readonly source: string }

/** The controls cited, as read from their sources (name, resource types, file@commit). */
export const CHECKOV: Readonly<Record<string, ForeignControl>> = {
  CKV_AZURE_3: {
    name: 'Ensure that \'enable_https_traffic_only\' is enabled',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageAccountsTransportEncryption.py',
  },
  CKV_AZURE_9: {
    name: 'Ensure that RDP access is restricted from the internet',
    resources: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/NSGRuleRDPAccessRestricted.py',
  },
  CKV_AZURE_10: {
    name: 'Ensure that SSH access is restricted from the internet',
    resources: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/NSGRuleSSHAccessRestricted.py',
  },
  CKV_AZURE_35: {
    name: 'Ensure default network access rule for Storage Accounts is set to deny',
    resources: ['azurerm_storage_account', 'azurerm_storage_account_network_rules'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageAccountDefaultNetworkAccessDeny.py',
  },
  CKV_AZURE_36: {
    name: 'Ensure \'Trusted Microsoft Services\' is enabled for Storage Account access',
    resources: ['azurerm_storage_account', 'azurerm_storage_account_network_rules'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageAccountAzureServicesAccessEnabled.py',
  },
  CKV_AZURE_39: {
    name: 'Ensure that no custom subscription owner roles are created',
    resources: ['azurerm_role_definition'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/CutsomRoleDefinitionSubscriptionOwner.py',
  },
  CKV_AZURE_40: {
    name: 'Ensure that the expiration date is set on all keys',
    resources: ['azurerm_key_vault_key'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/KeyExpirationDate.py',
  },
  CKV_AZURE_42: {
    name: 'Ensure the key vault is recoverable',
    resources: ['azurerm_key_vault'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/KeyvaultRecoveryEnabled.py',
  },
  CKV_AZURE_43: {
    name: 'Ensure Storage Accounts adhere to the naming rules',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageAccountName.py',
  },
  CKV_AZURE_44: {
    name: 'Ensure Storage Account is using the latest version of TLS encryption',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageAccountMinimumTlsVersion.py',
  },
  CKV_AZURE_59: {
    name: 'Ensure that Storage accounts disallow public access',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageAccountDisablePublicAccess.py',
  },
  CKV_AZURE_77: {
    name: 'Ensure that UDP Services are restricted from the Internet',
    resources: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/NSGRuleUDPAccessRestricted.py',
  },
  CKV_AZURE_84: {
    name: 'Ensure that Azure Defender is set to On for Storage',
    resources: ['azurerm_security_center_subscription_pricing'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/AzureDefenderOnStorage.py',
  },
  CKV_AZURE_87: {
    name: 'Ensure that Azure Defender is set to On for Key Vault',
    resources: ['azurerm_security_center_subscription_pricing'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/AzureDefenderOnKeyVaults.py',
  },
  CKV_AZURE_107: {
    name: 'Ensure that API management services use virtual networks',
    resources: ['azurerm_api_management'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/APIServicesUseVirtualNetwork.py',
  },
  CKV_AZURE_109: {
    name: 'Ensure that key vault allows firewall rules settings',
    resources: ['azurerm_key_vault'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/KeyVaultEnablesFirewallRulesSettings.py',
  },
  CKV_AZURE_110: {
    name: 'Ensure that key vault enables purge protection',
    resources: ['azurerm_key_vault'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/KeyVaultEnablesPurgeProtection.py',
  },
  CKV_AZURE_111: {
    name: 'Ensure that key vault enables soft delete',
    resources: ['azurerm_key_vault'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/KeyVaultEnablesSoftDelete.py',
  },
  CKV_AZURE_112: {
    name: 'Ensure that key vault key is backed by HSM',
    resources: ['azurerm_key_vault_key'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/KeyBackedByHSM.py',
  },
  CKV_AZURE_124: {
    name: 'Ensure that Azure Cognitive Search disables public network access',
    resources: ['azurerm_search_service'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/AzureSearchPublicNetworkAccessDisabled.py',
  },
  CKV_AZURE_134: {
    name: 'Ensure that Cognitive Services accounts disable public network access',
    resources: ['azurerm_cognitive_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/CognitiveServicesDisablesPublicNetwork.py',
  },
  // Container registry checks that new rules will cite.
  CKV_AZURE_137: {
    name: 'Ensure ACR admin account is disabled',
    resources: ['azurerm_container_registry'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/ACRAdminAccountDisabled.py',
  },
  CKV_AZURE_138: {
    name: 'Ensures that ACR disables anonymous pulling of images',
    resources: ['azurerm_container_registry'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/ACRAnonymousPullDisabled.py',
  },
  CKV_AZURE_152: {
    name: 'Ensure Client Certificates are enforced for API management',
    resources: ['azurerm_api_management'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/APIManagementCertsEnforced.py',
  },
  CKV_AZURE_160: {
    name: 'Ensure that HTTP (port 80) access is restricted from the internet',
    resources: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/NSGRuleHTTPAccessRestricted.py',
  },
  CKV_AZURE_164: {
    name: 'Ensures that ACR uses signed/trusted images',
    resources: ['azurerm_container_registry'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/ACRUseSignedImages.py',
  },
  CKV_AZURE_167: {
    name: 'Ensure a retention policy is set to cleanup untagged manifests.',
    resources: ['azurerm_container_registry'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/ACREnableRetentionPolicy.py',
  },
  CKV_AZURE_173: {
    name: 'Ensure API management uses at least TLS 1.2',
    resources: ['azurerm_api_management'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/APIManagementMinTLS12.py',
  },
  CKV_AZURE_174: {
    name: 'Ensure API management public access is disabled',
    resources: ['azurerm_api_management'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/APIManagementPublicAccess.py',
  },
  CKV_AZURE_182: {
    name: 'Ensure that VNET has at least 2 connected DNS Endpoints',
    resources: ['azurerm_virtual_network', 'azurerm_virtual_network_dns_servers'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/VnetSingleDNSServer.py',
  },
  CKV_AZURE_183: {
    name: 'Ensure that VNET uses local DNS addresses',
    resources: ['azurerm_virtual_network'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/VnetLocalDNS.py',
  },
  CKV_AZURE_189: {
    name: 'Ensure that Azure Key Vault disables public network access',
    resources: ['azurerm_key_vault'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/KeyVaultDisablesPublicNetworkAccess.py',
  },
  CKV_AZURE_190: {
    name: 'Ensure that Storage blobs restrict public access',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageBlobRestrictPublicAccess.py',
  },
  CKV_AZURE_206: {
    name: 'Ensure that Storage Accounts use replication',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageAccountsUseReplication.py',
  },
  CKV_AZURE_207: {
    name: 'Ensure Azure Cognitive Search service uses managed identities to access Azure resources',
    resources: ['azurerm_search_service'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/AzureSearchManagedIdentity.py',
  },
  CKV_AZURE_208: {
    name: 'Ensure that Azure Cognitive Search maintains SLA for index updates',
    resources: ['azurerm_search_service'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/AzureSearchSLAIndex.py',
  },
  CKV_AZURE_209: {
    name: 'Ensure that Azure Cognitive Search maintains SLA for search index queries',
    resources: ['azurerm_search_service'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/AzureSearchSLAQueryUpdates.py',
  },
  CKV_AZURE_210: {
    name: 'Ensure Azure Cognitive Search service allowed IPS does not give public Access',
    resources: ['azurerm_search_service'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/AzureSearchAllowedIPsNotGlobal.py',
  },
  CKV_AZURE_215: {
    name: 'Ensure API management backend uses https',
    resources: ['azurerm_api_management_backend'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/APIManagementBackendHTTPS.py',
  },
  CKV_AZURE_233: {
    name: 'Ensure Azure Container Registry (ACR) is zone redundant',
    resources: ['azurerm_container_registry'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/ACREnableZoneRedundancy.py',
  },
  CKV_AZURE_236: {
    name: 'Ensure that Cognitive Services accounts disable local authentication',
    resources: ['azurerm_cognitive_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/CognitiveServicesEnableLocalAuth.py',
  },
  CKV_AZURE_237: {
    name: 'Ensure dedicated data endpoints are enabled.',
    resources: ['azurerm_container_registry'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/ACRDedicatedDataEndpointEnabled.py',
  },
  CKV_AZURE_238: {
    name: 'Ensure that all Azure Cognitive Services accounts are configured with a managed identity',
    resources: ['azurerm_cognitive_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/CognitiveServicesConfigureIdentity.py',
  },
  CKV_AZURE_244: {
    name: 'Avoid the use of local users for Azure Storage unless necessary',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/StorageLocalUsers.py',
  },
  CKV_AZURE_247: {
    name: 'Ensure that Azure Cognitive Services account hosted with OpenAI is configured with data loss prevention',
    resources: ['azurerm_cognitive_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/resource/azure/OpenAICognitiveServicesRestrictOutboundNetwork.py',
  },
  CKV2_AZURE_1: {
    name: 'Ensure storage for critical data are encrypted with Customer Managed Key',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/StorageCriticalDataEncryptedCMK.yaml',
  },
  CKV2_AZURE_22: {
    name: 'Ensure that Cognitive Services enables customer-managed key for encryption',
    resources: ['azurerm_cognitive_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/CognitiveServicesCustomerManagedKey.yaml',
  },
  CKV2_AZURE_31: {
    name: 'Ensure VNET subnet is configured with a Network Security Group (NSG)',
    resources: ['azurerm_subnet'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/AzureSubnetConfigWithNSG.yaml',
  },
  CKV2_AZURE_32: {
    name: 'Ensure private endpoint is configured to key vault',
    resources: ['azurerm_key_vault'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/AzureKeyVaultConfigPrivateEndpoint.yaml',
  },
  CKV2_AZURE_33: {
    name: 'Ensure storage account is configured with private endpoint',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/AzureStorageAccConfigWithPrivateEndpoint.yaml',
  },
  CKV2_AZURE_38: {
    name: 'Ensure soft-delete is enabled on Azure storage account',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/AzureStorageAccountEnableSoftDelete.yaml',
  },
  CKV2_AZURE_40: {
    name: 'Ensure storage account is not configured with Shared Key authorization',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/AzureStorageAccConfigSharedKeyAuth.yaml',
  },
  CKV2_AZURE_41: {
    name: 'Ensure storage account is configured with SAS expiration policy',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/AzureStorageAccConfig_SAS_expirePolicy.yaml',
  },
  CKV2_AZURE_47: {
    name: 'Ensure storage account is configured without blob anonymous access',
    resources: ['azurerm_storage_account'],
    source: 'bridgecrewio/checkov@03d5fdad8d6154b1565799a7b1fb8070c158866f:checkov/terraform/checks/graph_checks/azure/AzureStorageAccConfigWithoutBlobAnonymousAccess.yaml',
  },
};

/** `resources: ['*']`: any resource type (the rule selects by location or tags). */
export const PSRULE: Readonly<Record<string, ForeignControl>> = {
  'Azure.AI.DisableLocalAuth': {
    name: 'Authenticate requests to Azure AI services with Entra ID identities.',
    resources: ['Microsoft.CognitiveServices/accounts'],
    source: 'Azure/PSRule.Rules.Azure@0df3c669598765805fe7fbc278abada5898e4a59:src/PSRule.Rules.Azure/rules/Azure.AI.Rule.yaml',
  },
  'Azure.AI.ManagedIdentity': {
    name: 'Configure managed identities to access Azure resources.',
    resources: ['Microsoft.CognitiveServices/accounts'],
    source: 'Azure/PSRule.Rules.Azure@0df3c669598765805fe7fbc278abada5898e4a59:src/PSRule.Rules.Azure/rules/Azure.AI.Rule.yaml',
  },
  'Azure.AI.PrivateEndpoints': {
    name: 'Use Private Endpoints to access Azure AI services accounts.',
    resources: ['Microsoft.CognitiveServices/accounts'],
    source: 'Azure/PSRule.Rules.Azure@0df3c669598765805fe7fbc278abada5898e4a59:src/PSRule.Rules.Azure/rules/Azure.AI.Rule.yaml',
  },
  'Azure.AI.PublicAccess': {
    name: 'Restrict access of Azure AI services to authorized virtual networks.',
    resources: ['Microsoft.CognitiveServices/accounts'],
    source: 'Azure/PSRule.Rules.Azure@0df3c669598765805fe7fbc278abada5898e4a59:src/PSRule.Rules.Azure/rules/Azure.AI.Rule.yaml',
  },
  'Azure.APIM.APIDescriptors': {
    name: 'APIs should have descriptors set',
    resources: ['Microsoft.ApiManagement/service', 'Microsoft.ApiManagement/service/apis'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.AvailabilityZone': {
    name: 'API management services deployed with Premium SKU should use availability zones in supported regions for high availability.',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.CORSPolicy': {
    name: 'Wildcard * for any configuration option in CORS policies settings should not be used.',
    resources: [
      'Microsoft.ApiManagement/service',
      'Microsoft.ApiManagement/service/apis',
      'Microsoft.ApiManagement/service/policies',
      'Microsoft.ApiManagement/service/apis/resolvers',
      'Microsoft.ApiManagement/service/apis/operations',
      'Microsoft.ApiManagement/service/apis/resolvers/policies',
      'Microsoft.ApiManagement/service/products/policies',
      'Microsoft.ApiManagement/service/apis/policies',
      'Microsoft.ApiManagement/service/apis/operations/policies',
    ],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.CertificateExpiry': {
    name: 'Renew expired certificates',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.Ciphers': {
    name: 'API Management should not accept weak or deprecated ciphers.',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/PSRule.Rules.Azure@4f956d329836adef291c99ad7c2c9f29214fdf8d:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.yaml',
  },
  'Azure.APIM.EncryptValues': {
    name: 'Encrypt all API Management named values with Key Vault secrets.',
    resources: ['Microsoft.ApiManagement/service', 'Microsoft.ApiManagement/service/namedValues'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.HTTPBackend': {
    name: 'Use HTTPS for communication to backend services.',
    resources: ['Microsoft.ApiManagement/service', 'Microsoft.ApiManagement/service/backends', 'Microsoft.ApiManagement/service/apis'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.HTTPEndpoint': {
    name: 'Enforce HTTPS for communication to API clients.',
    resources: ['Microsoft.ApiManagement/service', 'Microsoft.ApiManagement/service/apis'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.ManagedIdentity': {
    name: 'Consider configuring a managed identity for each API Management instance.',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/PSRule.Rules.Azure@4f956d329836adef291c99ad7c2c9f29214fdf8d:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.yaml',
  },
  'Azure.APIM.MinAPIVersion': {
    name: 'API Management instances should limit control plane API calls to API Management with version \'2021-08-01\' or newer.',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.MultiRegion': {
    name: 'API Management instances should use multi-region deployment to improve service availability.',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.Name': {
    name: 'API Management service names should meet naming requirements.',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/PSRule.Rules.Azure@4f956d329836adef291c99ad7c2c9f29214fdf8d:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.yaml',
  },
  'Azure.APIM.PolicyBase': {
    name: 'Base element for any policy element in a section should be configured.',
    resources: [
      'Microsoft.ApiManagement/service',
      'Microsoft.ApiManagement/service/apis',
      'Microsoft.ApiManagement/service/apis/resolvers',
      'Microsoft.ApiManagement/service/apis/operations',
      'Microsoft.ApiManagement/service/apis/resolvers/policies',
      'Microsoft.ApiManagement/service/products/policies',
      'Microsoft.ApiManagement/service/apis/policies',
      'Microsoft.ApiManagement/service/apis/operations/policies',
    ],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.ProductApproval': {
    name: 'Require approval for products',
    resources: ['Microsoft.ApiManagement/service', 'Microsoft.ApiManagement/service/products'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.ProductSubscription': {
    name: 'Require subscription for products',
    resources: ['Microsoft.ApiManagement/service', 'Microsoft.ApiManagement/service/products'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.APIM.Protocols': {
    name: 'API Management should only accept a minimum of TLS 1.2.',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/PSRule.Rules.Azure@4f956d329836adef291c99ad7c2c9f29214fdf8d:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.yaml',
  },
  'Azure.APIM.SampleProducts': {
    name: 'Remove sample products',
    resources: ['Microsoft.ApiManagement/service', 'Microsoft.ApiManagement/service/products'],
    source: 'Azure/PSRule.Rules.Azure@1481d13a9619bd83786c079c352dd50ed85821de:src/PSRule.Rules.Azure/rules/Azure.APIM.Rule.ps1',
  },
  'Azure.Alert.MetricAutoMitigate': {
    name: 'Alerts that require manual intervention for mitigation can lead to increased personnel time and effort.',
    resources: ['Microsoft.Insights/metricAlerts'],
    source: 'Azure/PSRule.Rules.Azure@192d939809ba025feded6450039e683a483cee43:src/PSRule.Rules.Azure/rules/Azure.Alert.Rule.yaml',
  },
  'Azure.AppInsights.LocalAuth': {
    name: 'Local authentication allows depersonalized access to store telemetry in Application Insights using a shared identifier.',
    resources: ['Microsoft.Insights/components'],
    source: 'Azure/PSRule.Rules.Azure@182804ed1055ae93a0ca7f0572cea0d5e604fe86:src/PSRule.Rules.Azure/rules/Azure.AppInsights.Rule.yaml',
  },
  'Azure.AppInsights.Name': {
    name: 'Azure Application Insights resources names should meet naming requirements.',
    resources: ['Microsoft.Insights/components'],
    source: 'Azure/PSRule.Rules.Azure@182804ed1055ae93a0ca7f0572cea0d5e604fe86:src/PSRule.Rules.Azure/rules/Azure.AppInsights.Rule.yaml',
  },
  'Azure.AppInsights.Workspace': {
    name: 'Configure Application Insights resources to store data in a workspace.',
    resources: ['Microsoft.Insights/components'],
    source: 'Azure/PSRule.Rules.Azure@182804ed1055ae93a0ca7f0572cea0d5e604fe86:src/PSRule.Rules.Azure/rules/Azure.AppInsights.Rule.yaml',
  },
  'Azure.ContainerApp.AvailabilityZone': {
    name: 'Use Container Apps environments that are zone redundant to improve reliability.',
    resources: ['Microsoft.App/managedEnvironments'],
    source: 'Azure/PSRule.Rules.Azure@020177db066dda61432ac3205379a44cf653ebe2:src/PSRule.Rules.Azure/rules/Azure.ContainerApp.Rule.ps1',
  },
  'Azure.ContainerApp.ExternalIngress': {
    name: 'Limit inbound communication for Container Apps is limited to callers within the Container Apps Environment.',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/PSRule.Rules.Azure@c44a40848dad5d423e6a2b055c1f9bdafef03865:src/PSRule.Rules.Azure/rules/Azure.ContainerApp.Rule.yaml',
  },
  'Azure.ContainerApp.Insecure': {
    name: 'Ensure insecure inbound traffic is not permitted to the container app.',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/PSRule.Rules.Azure@c44a40848dad5d423e6a2b055c1f9bdafef03865:src/PSRule.Rules.Azure/rules/Azure.ContainerApp.Rule.yaml',
  },
  'Azure.ContainerApp.ManagedIdentity': {
    name: 'Ensure managed identity is used for authentication.',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/PSRule.Rules.Azure@c44a40848dad5d423e6a2b055c1f9bdafef03865:src/PSRule.Rules.Azure/rules/Azure.ContainerApp.Rule.yaml',
  },
  'Azure.ContainerApp.MinReplicas': {
    name: 'Use multiple replicas to remove a single point of failure.',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/PSRule.Rules.Azure@162f041f3bdb4d5dea5773d55314f99fc406dc6d:docs/en/rules/Azure.ContainerApp.MinReplicas.md',
  },
  'Azure.ContainerApp.Name': {
    name: 'Container Apps should meet naming requirements.',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/PSRule.Rules.Azure@c44a40848dad5d423e6a2b055c1f9bdafef03865:src/PSRule.Rules.Azure/rules/Azure.ContainerApp.Rule.yaml',
  },
  'Azure.ContainerApp.PublicAccess': {
    name: 'Ensure public network access for Container Apps environment is disabled.',
    resources: ['Microsoft.App/managedEnvironments'],
    source: 'Azure/PSRule.Rules.Azure@c44a40848dad5d423e6a2b055c1f9bdafef03865:src/PSRule.Rules.Azure/rules/Azure.ContainerApp.Rule.yaml',
  },
  'Azure.ContainerApp.RestrictIngress': {
    name: 'IP ingress restrictions mode should be set to allow action for all rules defined.',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/PSRule.Rules.Azure@020177db066dda61432ac3205379a44cf653ebe2:src/PSRule.Rules.Azure/rules/Azure.ContainerApp.Rule.ps1',
  },
  'Azure.Defender.Api': {
    name: 'Enable Microsoft Defender for APIs.',
    resources: ['Microsoft.Security/pricings'],
    source: 'Azure/PSRule.Rules.Azure@3eee4f42b645da8f60d19f3b62b5c309987d83bf:src/PSRule.Rules.Azure/rules/Azure.Defender.Rule.yaml',
  },
  'Azure.Defender.KeyVault': {
    name: 'Enable Microsoft Defender for Key Vault.',
    resources: ['Microsoft.Security/pricings'],
    source: 'Azure/PSRule.Rules.Azure@3eee4f42b645da8f60d19f3b62b5c309987d83bf:src/PSRule.Rules.Azure/rules/Azure.Defender.Rule.yaml',
  },
  'Azure.Defender.Storage': {
    name: 'Enable Microsoft Defender for Storage.',
    resources: ['Microsoft.Security/pricings'],
    source: 'Azure/PSRule.Rules.Azure@3eee4f42b645da8f60d19f3b62b5c309987d83bf:src/PSRule.Rules.Azure/rules/Azure.Defender.Rule.yaml',
  },
  'Azure.Identity.UserAssignedName': {
    name: 'User Assigned Managed Identity names should meet naming requirements.',
    resources: ['Microsoft.ManagedIdentity/userAssignedIdentities'],
    source: 'Azure/PSRule.Rules.Azure@1ec1de656b3185fe612e5e24f0c4d1be7c196972:src/PSRule.Rules.Azure/rules/Azure.Identity.Rule.yaml',
  },
  'Azure.KeyVault.AccessPolicy': {
    name: 'Limit access to Key Vault data',
    resources: ['Microsoft.KeyVault/vaults', 'Microsoft.KeyVault/vaults/accessPolicies'],
    source: 'Azure/PSRule.Rules.Azure@01aba36250c4a4899cae7526f01a00a52a9103ee:src/PSRule.Rules.Azure/rules/Azure.KeyVault.Rule.ps1',
  },
  'Azure.KeyVault.AutoRotationPolicy': {
    name: 'Key Vault keys should have auto-rotation enabled.',
    resources: ['Microsoft.KeyVault/vaults', 'Microsoft.KeyVault/vaults/keys'],
    source: 'Azure/PSRule.Rules.Azure@01aba36250c4a4899cae7526f01a00a52a9103ee:src/PSRule.Rules.Azure/rules/Azure.KeyVault.Rule.ps1',
  },
  'Azure.KeyVault.Firewall': {
    name: 'Vaults should only accept explicitly allowed traffic.',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/PSRule.Rules.Azure@634f7d84b1e0f19891a9adc28a2860db14dc765a:src/PSRule.Rules.Azure/rules/Azure.KeyVault.Rule.yaml',
  },
  'Azure.KeyVault.Logs': {
    name: 'Ensure audit diagnostics logs are enabled to audit Key Vault access.',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/PSRule.Rules.Azure@01aba36250c4a4899cae7526f01a00a52a9103ee:src/PSRule.Rules.Azure/rules/Azure.KeyVault.Rule.ps1',
  },
  'Azure.KeyVault.Name': {
    name: 'Key Vault names should meet naming requirements.',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/PSRule.Rules.Azure@01aba36250c4a4899cae7526f01a00a52a9103ee:src/PSRule.Rules.Azure/rules/Azure.KeyVault.Rule.ps1',
  },
  'Azure.KeyVault.PurgeProtect': {
    name: 'Enable Purge Protection on Key Vaults to prevent early purge of vaults and vault items.',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/PSRule.Rules.Azure@634f7d84b1e0f19891a9adc28a2860db14dc765a:src/PSRule.Rules.Azure/rules/Azure.KeyVault.Rule.yaml',
  },
  'Azure.KeyVault.RBAC': {
    name: 'Key Vaults should use Azure RBAC as the authorization system for the data plane.',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/PSRule.Rules.Azure@634f7d84b1e0f19891a9adc28a2860db14dc765a:src/PSRule.Rules.Azure/rules/Azure.KeyVault.Rule.yaml',
  },
  'Azure.KeyVault.SoftDelete': {
    name: 'Enable Soft Delete on Key Vaults to protect vaults and vault items from accidental deletion.',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/PSRule.Rules.Azure@634f7d84b1e0f19891a9adc28a2860db14dc765a:src/PSRule.Rules.Azure/rules/Azure.KeyVault.Rule.yaml',
  },
  'Azure.Log.Name': {
    name: 'Azure Resource Manager (ARM) has requirements for Azure Monitor Log workspace names.',
    resources: ['Microsoft.OperationalInsights/workspaces'],
    source: 'Azure/PSRule.Rules.Azure@2bd00a60bab71c0c2bc83bf9e67f5165fcce29a0:src/PSRule.Rules.Azure/rules/Azure.Log.Rule.yaml',
  },
  'Azure.Log.Replication': {
    name: 'Log Analytics workspaces should have workspace replication enabled to improve service availability.',
    resources: ['Microsoft.OperationalInsights/workspaces'],
    source: 'Azure/PSRule.Rules.Azure@2bd00a60bab71c0c2bc83bf9e67f5165fcce29a0:src/PSRule.Rules.Azure/rules/Azure.Log.Rule.yaml',
  },
  'Azure.NSG.AnyInboundSource': {
    name: 'Network security groups should avoid any inbound rules',
    resources: ['Microsoft.Network/networkSecurityGroups'],
    source: 'Azure/PSRule.Rules.Azure@07f4d252b277016abb2ca500f682c52a4762a3f3:src/PSRule.Rules.Azure/rules/Azure.NSG.Rule.ps1',
  },
  'Azure.NSG.Associated': {
    name: 'Network security groups should be associated to either a subnet or network interface',
    resources: ['Microsoft.Network/networkSecurityGroups'],
    source: 'Azure/PSRule.Rules.Azure@07f4d252b277016abb2ca500f682c52a4762a3f3:src/PSRule.Rules.Azure/rules/Azure.NSG.Rule.ps1',
  },
  'Azure.NSG.LateralTraversal': {
    name: 'Lateral traversal from application servers should be blocked',
    resources: ['Microsoft.Network/networkSecurityGroups'],
    source: 'Azure/PSRule.Rules.Azure@07f4d252b277016abb2ca500f682c52a4762a3f3:src/PSRule.Rules.Azure/rules/Azure.NSG.Rule.ps1',
  },
  'Azure.RBAC.LimitOwner': {
    name: 'Limit the number of subscription Owners',
    resources: ['Microsoft.Subscription'],
    source: 'Azure/PSRule.Rules.Azure@b3875be4793a8f9b4e7a3866bcc7f713a15143e7:src/PSRule.Rules.Azure/rules/Azure.Subscription.Rule.ps1',
  },
  'Azure.RedisEnterprise.MinTLS': {
    name: 'Redis Cache Enterprise should reject TLS versions older than 1.2.',
    resources: ['Microsoft.Cache/redisEnterprise'],
    source: 'Azure/PSRule.Rules.Azure@eaad4c51f9169017003c857aeb705ec7a236b54a:src/PSRule.Rules.Azure/rules/Azure.RedisEnterprise.Rule.yaml',
  },
  'Azure.RedisEnterprise.Zones': {
    name: 'Enterprise Redis cache should be zone-redundant for high availability.',
    resources: ['Microsoft.Cache/redisEnterprise'],
    source: 'Azure/PSRule.Rules.Azure@bb85afa443e2c06064083fc40cc8c7182a3adea0:src/PSRule.Rules.Azure/rules/Azure.Redis.Rule.ps1',
  },
  'Azure.Resource.AllowedRegions': {
    name: 'Resources should be deployed to allowed regions.',
    resources: ['*'],
    source: 'Azure/PSRule.Rules.Azure@0df3c669598765805fe7fbc278abada5898e4a59:src/PSRule.Rules.Azure/rules/Azure.Resource.Rule.ps1',
  },
  'Azure.Resource.RequiredTags': {
    name: 'Tag resources with mandatory tags.',
    resources: ['*'],
    source: 'Azure/PSRule.Rules.Azure@0df3c669598765805fe7fbc278abada5898e4a59:src/PSRule.Rules.Azure/rules/Azure.Resource.Rule.ps1',
  },
  'Azure.Resource.UseTags': {
    name: 'Azure resources should be tagged using a standard convention.',
    resources: ['*'],
    source: 'Azure/PSRule.Rules.Azure@0df3c669598765805fe7fbc278abada5898e4a59:src/PSRule.Rules.Azure/rules/Azure.Resource.Rule.ps1',
  },
  'Azure.Search.IndexSLA': {
    name: 'Use a minimum of 3 replicas to receive an SLA for query and index updates.',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/PSRule.Rules.Azure@c665b65e33d8588e59ad0fefb59222bf51a47f4c:src/PSRule.Rules.Azure/rules/Azure.Search.Rule.ps1',
  },
  'Azure.Search.ManagedIdentity': {
    name: 'Configure managed identities to access Azure resources.',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/PSRule.Rules.Azure@c665b65e33d8588e59ad0fefb59222bf51a47f4c:src/PSRule.Rules.Azure/rules/Azure.Search.Rule.ps1',
  },
  'Azure.Search.Name': {
    name: 'Azure Cognitive Search service names should meet naming requirements.',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/PSRule.Rules.Azure@c665b65e33d8588e59ad0fefb59222bf51a47f4c:src/PSRule.Rules.Azure/rules/Azure.Search.Rule.ps1',
  },
  'Azure.Search.QuerySLA': {
    name: 'Use a minimum of 2 replicas to receive an SLA for index queries.',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/PSRule.Rules.Azure@c665b65e33d8588e59ad0fefb59222bf51a47f4c:src/PSRule.Rules.Azure/rules/Azure.Search.Rule.ps1',
  },
  'Azure.Search.SKU': {
    name: 'Use a minimum of a basic SKU.',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/PSRule.Rules.Azure@c665b65e33d8588e59ad0fefb59222bf51a47f4c:src/PSRule.Rules.Azure/rules/Azure.Search.Rule.ps1',
  },
  'Azure.Storage.BlobPublicAccess': {
    name: 'Disallow blob containers with public access types.',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/PSRule.Rules.Azure@368654dbeb655bda92cb78330e970d881336a309:src/PSRule.Rules.Azure/rules/Azure.Storage.Rule.yaml',
  },
  'Azure.Storage.ContainerSoftDelete': {
    name: 'Enable container soft delete on Storage Accounts.',
    resources: ['Microsoft.Storage/storageAccounts', 'Microsoft.Storage/storageAccounts/blobServices'],
    source: 'Azure/PSRule.Rules.Azure@eba1eca7a80385902aa9e6b3e996d1040143b6c4:src/PSRule.Rules.Azure/rules/Azure.Storage.Rule.ps1',
  },
  'Azure.Storage.Firewall': {
    name: 'Storage Accounts should only accept explicitly allowed traffic.',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/PSRule.Rules.Azure@368654dbeb655bda92cb78330e970d881336a309:src/PSRule.Rules.Azure/rules/Azure.Storage.Rule.yaml',
  },
  'Azure.Storage.LocalAuth': {
    name: 'Access keys allow depersonalized access to Storage Accounts using a shared secret.',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/PSRule.Rules.Azure@f83d35c97c52db0ed609d8b3b1413cc018171003:docs/en/rules/Azure.Storage.LocalAuth.md',
  },
  'Azure.Storage.MinTLS': {
    name: 'Storage Accounts should reject TLS versions older than 1.2.',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/PSRule.Rules.Azure@368654dbeb655bda92cb78330e970d881336a309:src/PSRule.Rules.Azure/rules/Azure.Storage.Rule.yaml',
  },
  'Azure.Storage.Name': {
    name: 'Use Storage naming requirements',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/PSRule.Rules.Azure@eba1eca7a80385902aa9e6b3e996d1040143b6c4:src/PSRule.Rules.Azure/rules/Azure.Storage.Rule.ps1',
  },
  'Azure.Storage.SecureTransfer': {
    name: 'Storage accounts should only accept encrypted connections.',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/PSRule.Rules.Azure@368654dbeb655bda92cb78330e970d881336a309:src/PSRule.Rules.Azure/rules/Azure.Storage.Rule.yaml',
  },
  'Azure.Storage.SoftDelete': {
    name: 'Enable soft delete on Storage Accounts',
    resources: ['Microsoft.Storage/storageAccounts', 'Microsoft.Storage/storageAccounts/blobServices'],
    source: 'Azure/PSRule.Rules.Azure@eba1eca7a80385902aa9e6b3e996d1040143b6c4:src/PSRule.Rules.Azure/rules/Azure.Storage.Rule.ps1',
  },
  'Azure.Storage.UseReplication': {
    name: 'Storage Accounts not using geo-replicated storage (GRS) may be at risk.',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/PSRule.Rules.Azure@eba1eca7a80385902aa9e6b3e996d1040143b6c4:src/PSRule.Rules.Azure/rules/Azure.Storage.Rule.ps1',
  },
  'Azure.VNET.LocalDNS': {
    name: 'Virtual networks (VNETs) should use Azure local DNS servers.',
    resources: ['Microsoft.Network/virtualNetworks'],
    source: 'Azure/PSRule.Rules.Azure@176d7466bfe2041ce780ede80293ca87bb15b371:src/PSRule.Rules.Azure/rules/Azure.VNET.Rule.ps1',
  },
  'Azure.VNET.PrivateSubnet': {
    name: 'Disable default outbound access for virtual machines.',
    resources: ['Microsoft.Network/virtualNetworks', 'Microsoft.Network/virtualNetworks/subnets'],
    source: 'Azure/PSRule.Rules.Azure@176d7466bfe2041ce780ede80293ca87bb15b371:src/PSRule.Rules.Azure/rules/Azure.VNET.Rule.ps1',
  },
  'Azure.VNET.SingleDNS': {
    name: 'VNETs should have at least two DNS servers assigned.',
    resources: ['Microsoft.Network/virtualNetworks'],
    source: 'Azure/PSRule.Rules.Azure@176d7466bfe2041ce780ede80293ca87bb15b371:src/PSRule.Rules.Azure/rules/Azure.VNET.Rule.ps1',
  },
  'Azure.VNET.UseNSGs': {
    name: 'Virtual network (VNET) subnets should have Network Security Groups (NSGs) assigned.',
    resources: ['Microsoft.Network/virtualNetworks', 'Microsoft.Network/virtualNetworks/subnets'],
    source: 'Azure/PSRule.Rules.Azure@176d7466bfe2041ce780ede80293ca87bb15b371:src/PSRule.Rules.Azure/rules/Azure.VNET.Rule.ps1',
  },
};

/** Keyed by the short (8 hex digit) id the rules cite; `resources: ['*']`: any resource type (mode Indexed). */
export const AZURE_POLICY: Readonly<Record<string, ForeignControl>> = {
  '3aa03346': {
    name: 'API Management subscriptions should not be scoped to all APIs',
    resources: ['Microsoft.ApiManagement/service/subscriptions'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/AllApiSubscription_AuditDeny.json',
  },
  '73ef9241': {
    name: 'API Management service should use a SKU that supports virtual networks',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/AllowedVNETSkus_AuditDeny.json',
  },
  'c15dcc82': {
    name: 'API Management calls to API backends should be authenticated',
    resources: ['Microsoft.ApiManagement/service/backends'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/BackendAuth_AuditDeny.json',
  },
  '92bb331d': {
    name: 'API Management calls to API backends should not bypass certificate thumbprint or name validation',
    resources: ['Microsoft.ApiManagement/service/backends'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/BackendCertificateChecks_AuditDeny.json',
  },
  'd5448c98': {
    name: 'API Management policies should inherit parent scope policies using <base />',
    resources: [
      'Microsoft.ApiManagement/service/apis/policies',
      'Microsoft.ApiManagement/service/apis/operations/policies',
      'Microsoft.ApiManagement/service/products/policies',
      'Microsoft.ApiManagement/service/workspaces/policies',
      'Microsoft.ApiManagement/service/workspaces/apis/policies',
      'Microsoft.ApiManagement/service/workspaces/apis/operations/policies',
      'Microsoft.ApiManagement/service/workspaces/products/policies',
    ],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/BasePolicy_Audit.json',
  },
  'ffe25541': {
    name: 'API Management should have username and password authentication disabled',
    resources: ['Microsoft.ApiManagement/service/portalconfigs'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/BasicAuth_Audit.json',
  },
  'ee7495e7': {
    name: 'API Management APIs should use only encrypted protocols',
    resources: ['Microsoft.ApiManagement/service/apis'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/HTTPEnabled_AuditDeny.json',
  },
  'f1cc7827': {
    name: 'API Management secret named values should be stored in Azure Key Vault',
    resources: ['Microsoft.ApiManagement/service/namedValues'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/NamedValueSecretsInKV_AuditDeny.json',
  },
  'df73bd95': {
    name: 'API Management should disable public network access to the service configuration endpoints',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/PublicEndpoint_AINE.json',
  },
  'ef619a2c': {
    name: 'API Management services should use a virtual network',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/API Management/VNETEnabled_Audit.json',
  },
  '1b4d1c4e': {
    name: 'Diagnostic logs in Azure AI services resources should be enabled',
    resources: ['Microsoft.CognitiveServices/accounts', 'Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Azure Ai Services/DiagnosticLogs_Audit.json',
  },
  '71ef260a': {
    name: 'Azure AI Services resources should have key access disabled (disable local authentication)',
    resources: ['Microsoft.CognitiveServices/accounts', 'Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Azure Ai Services/DisableLocalAuth_Audit.json',
  },
  'd6759c02': {
    name: 'Azure AI Services resources should use Azure Private Link',
    resources: ['Microsoft.CognitiveServices/accounts', 'Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Azure Ai Services/EnablePrivateEndpoints_Audit.json',
  },
  '037eea7a': {
    name: 'Azure AI Services resources should restrict network access',
    resources: ['Microsoft.CognitiveServices/accounts', 'Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Azure Ai Services/NetworkAcls_Audit.json',
  },
  '09aa11bb': {
    name: 'Azure Cache for Redis Enterprise should use customer-managed keys for encrypting disk data',
    resources: ['Microsoft.Cache/redisEnterprise'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cache/RedisCacheEnterprise_CMKEnabled_Audit.json',
  },
  '7473e756': {
    name: 'Configure Azure Cache for Redis Enterprise to use private DNS zones',
    resources: ['Microsoft.Network/privateEndpoints'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cache/RedisCacheEnterprise_PrivateDNSZone_DINE.json',
  },
  '960e650e': {
    name: 'Azure Cache for Redis Enterprise should use private link',
    resources: ['Microsoft.Cache/redisEnterprise'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cache/RedisCacheEnterprise_PrivateEndpoint_AINE.json',
  },
  'e016b22b': {
    name: 'Configure Azure Cache for Redis to use private DNS zones',
    resources: ['Microsoft.Network/privateEndpoints'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cache/RedisCache_PrivateDNSZone_DINE.json',
  },
  '7803067c': {
    name: 'Azure Cache for Redis should use private link',
    resources: ['Microsoft.Cache/redis'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cache/RedisCache_PrivateEndpoint_AINE.json',
  },
  'c1ad46c6': {
    name: '[Preview]: Cognitive Services Deployments Should Only Use Allowed Control Mode',
    resources: ['Microsoft.CognitiveServices.Data/accounts/deployments'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/AllowControlModeForDeployment_Audit.json',
  },
  'aafe3651': {
    name: 'Cognitive Services Deployments should only use approved Registry Models',
    resources: ['Microsoft.CognitiveServices.Data/accounts/deployments'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/AllowDeployRegistryModels_Audit.json',
  },
  'af253d37': {
    name: '[Preview]: Cognitive Services Deployments should only use allowed completion content filtering',
    resources: ['Microsoft.CognitiveServices.Data/accounts/deployments'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/AllowDeploymentCompletionControl_Audit.json',
  },
  '930f48f9': {
    name: '[Preview]: Cognitive Services Deployments should only use allowed control',
    resources: ['Microsoft.CognitiveServices.Data/accounts/deployments'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/AllowDeploymentMultiSeverityControl_Audit.json',
  },
  'f3a9c2e0': {
    name: '[Preview]: Cognitive Services Deployments should only use allowed prompt content filtering',
    resources: ['Microsoft.CognitiveServices.Data/accounts/deployments'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/AllowDeploymentPromptControl_Audit.json',
  },
  '67121cc7': {
    name: 'Azure AI Services resources should encrypt data at rest with a customer-managed key (CMK)',
    resources: ['Microsoft.CognitiveServices/accounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/CustomerManagedKey_Audit.json',
  },
  '14de9e63': {
    name: 'Configure Cognitive Services accounts to disable local authentication methods',
    resources: ['Microsoft.CognitiveServices/accounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/DisableLocalAuth_Modify.json',
  },
  'fe3fd216': {
    name: 'Cognitive Services accounts should use a managed identity',
    resources: ['Microsoft.CognitiveServices/accounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/ManagedIdentity_Audit.json',
  },
  'c4bc6f10': {
    name: 'Configure Cognitive Services accounts to use private DNS zones',
    resources: ['Microsoft.Network/privateEndpoints'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Cognitive Services/PrivateDnsZones_DINE.json',
  },
  '783ea2a8': {
    name: 'Container Apps should disable external network access',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Container Apps/ContainerAppInternal_Audit.json',
  },
  '0e80e269': {
    name: 'Container Apps should only be accessible over HTTPS',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Container Apps/EnableHTTPS_Audit.json',
  },
  'd074ddf8': {
    name: 'Container Apps environment should disable public network access',
    resources: ['Microsoft.App/managedEnvironments'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Container Apps/EnvironmentInternal_Audit.json',
  },
  '8b346db6': {
    name: 'Container App environments should use network injection',
    resources: ['Microsoft.App/managedEnvironments'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Container Apps/InjectVNet_Audit.json',
  },
  'b874ab2d': {
    name: 'Managed Identity should be enabled for Container Apps',
    resources: ['Microsoft.App/containerApps'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Container Apps/ManagedIdentity_Audit.json',
  },
  'e56962a6': {
    name: 'Allowed locations',
    resources: ['*'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/General/AllowedLocations_Deny.json',
  },
  'a451c1ef': {
    name: 'Audit usage of custom RBAC roles',
    resources: ['Microsoft.Authorization/roleDefinitions'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/General/Subscription_AuditCustomRBACRoles_Audit.json',
  },
  'cf820ca0': {
    name: 'Resource logs in Key Vault should be enabled',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/AuditDiagnosticLog_Audit.json',
  },
  '55615ac9': {
    name: 'Azure Key Vault should have firewall enabled or public network access disabled',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/FirewallEnabled_Audit.json',
  },
  '152b15f7': {
    name: 'Key Vault keys should have an expiration date',
    resources: ['Microsoft.KeyVault.Data/vaults/keys'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/Keys_ExpirationSet.json',
  },
  '587c79fe': {
    name: 'Keys should be backed by a hardware security module (HSM)',
    resources: ['Microsoft.KeyVault.Data/vaults/keys'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/Keys_HSMBacked.json',
  },
  'd8cf8476': {
    name: 'Keys should have a rotation policy ensuring that their rotation is scheduled within the specified number of days after creation.',
    resources: ['Microsoft.KeyVault.Data/vaults/keys'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/Keys_KeyRotationPolicy_MaximumDaysToRotate.json',
  },
  '82067dbb': {
    name: 'Keys using RSA cryptography should have a specified minimum key size',
    resources: ['Microsoft.KeyVault.Data/vaults/keys'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/Keys_RSA_MinimumKeySize.json',
  },
  '405c5871': {
    name: 'Azure Key Vault should disable public network access',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/PublicNetworkAccess_Audit.json',
  },
  '0b60c0b2': {
    name: 'Key vaults should have deletion protection enabled',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/Recoverable_Audit.json',
  },
  'a6abeaec': {
    name: 'Azure Key Vaults should use private link',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/Should_Use_PrivateEndpoint_Audit.json',
  },
  '12d4fa5e': {
    name: 'Azure Key Vault should use RBAC permission model',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/Should_Use_RBAC.json',
  },
  '1e66c121': {
    name: 'Key vaults should have soft delete enabled',
    resources: ['Microsoft.KeyVault/vaults'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Key Vault/SoftDeleteMustBeEnabled_Audit.json',
  },
  '45e05259': {
    name: 'Azure Machine Learning workspaces should use private link',
    resources: ['Microsoft.MachineLearningServices/workspaces'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Machine Learning/Workspace_PrivateEndpoint_Audit_V2.json',
  },
  '5f0c7d88': {
    name: 'Azure Machine Learning workspaces should use user-assigned managed identity',
    resources: ['Microsoft.MachineLearningServices/workspaces'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Machine Learning/Workspace_UAIEnabled_Audit.json',
  },
  'd550e854': {
    name: 'Azure Monitor Logs for Application Insights should be linked to a Log Analytics workspace',
    resources: ['Microsoft.Insights/components'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/ApplicationInsightsComponent_WorkspaceAssociation_Deny.json',
  },
  '199d5677': {
    name: 'Application Insights components should block non-Azure Active Directory based ingestion.',
    resources: ['Microsoft.Insights/components'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/ApplicationInsightsComponents_DisableLocalAuth_Deny.json',
  },
  '1bc02227': {
    name: 'Application Insights components should block log ingestion and querying from public networks',
    resources: ['Microsoft.Insights/components'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/ApplicationInsightsComponents_NetworkAccessEnabled_Deny.json',
  },
  '567c93f7': {
    name: 'Enable logging by category group for API Management services (microsoft.apimanagement/service) to Log Analytics',
    resources: ['Microsoft.ApiManagement/service'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/DS_LA_apimanagement-service_DINE.json',
  },
  '6a664864': {
    name: 'Enable logging by category group for Container Apps Environments (microsoft.app/managedenvironments) to Log Analytics',
    resources: ['Microsoft.App/managedEnvironments'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/DS_LA_app-managedenvironments_DINE.json',
  },
  'aec4c33f': {
    name: 'Enable logging by category group for Azure Cache for Redis (microsoft.cache/redis) to Log Analytics',
    resources: ['Microsoft.Cache/redis'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/DS_LA_cache-redis_DINE.json',
  },
  'fa570aa1': {
    name: 'Enable logging by category group for Caches (microsoft.cache/redisenterprise/databases) to Log Analytics',
    resources: ['Microsoft.Cache/redisEnterprise/databases'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/DS_LA_cache-redisenterprise-databases_DINE.json',
  },
  '55d1f543': {
    name: 'Enable logging by category group for Cognitive Services (microsoft.cognitiveservices/accounts) to Log Analytics',
    resources: ['Microsoft.CognitiveServices/accounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/DS_LA_cognitiveservices-accounts_DINE.json',
  },
  'e15effd4': {
    name: 'Log Analytics Workspaces should block non-Azure Active Directory based ingestion.',
    resources: ['Microsoft.OperationalInsights/workspaces'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/LogAnalyticsWorkspaces_DisableLocalAuth_Deny.json',
  },
  '6c53d030': {
    name: 'Log Analytics workspaces should block log ingestion and querying from public networks',
    resources: ['Microsoft.OperationalInsights/workspaces'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Monitoring/LogAnalyticsWorkspaces_NetworkAccessEnabled_Deny.json',
  },
  '7bca8353': {
    name: 'Subnets should be private',
    resources: ['Microsoft.Network/virtualNetworks', 'Microsoft.Network/virtualNetworks/subnets'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Network/PrivateSubnetOnly_Audit.json',
  },
  '94de2ad3': {
    name: 'Virtual networks should be protected by Azure DDoS Protection',
    resources: ['Microsoft.Network/virtualNetworks'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Network/VirtualNetworkDdosStandard_Audit.json',
  },
  'b4330a05': {
    name: 'Resource logs in Search services should be enabled',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Search/AuditDiagnosticLog_Audit.json',
  },
  '76a56461': {
    name: 'Azure AI Search services should use customer-managed keys to encrypt data at rest',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Search/CMK_Audit.json',
  },
  '6300012e': {
    name: 'Azure AI Search services should have local authentication methods disabled',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Search/DisableLocalAuth_AuditDeny.json',
  },
  'fbc14a67': {
    name: 'Configure Azure AI Search services to use private DNS zones',
    resources: ['Microsoft.Network/privateEndpoints'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Search/PrivateDNSZone_DINE.json',
  },
  'a049bf77': {
    name: 'Azure AI Search service should use a SKU that supports private link',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Search/RequirePrivateLinkSupportedResource_Deny.json',
  },
  'ee980b6d': {
    name: 'Azure AI Search services should disable public network access',
    resources: ['Microsoft.Search/searchServices'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Search/RequirePublicNetworkAccessDisabled_Deny.json',
  },
  '8ac833bd': {
    name: 'API endpoints in Azure API Management should be authenticated',
    resources: ['Microsoft.ApiManagement/service/apis/operations'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Security Center/ASC_APIMApiEndpointsShouldbeAuthenticated_AINE.json',
  },
  'c2c0c6d8': {
    name: 'Microsoft Defender for AI Services should be enabled',
    resources: ['Microsoft.Resources/subscriptions', 'Microsoft.Security/pricings'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Security Center/ASC_Azure_Defender_AI_AINE.json',
  },
  '0e6763cc': {
    name: 'Azure Defender for Key Vault should be enabled',
    resources: ['Microsoft.Resources/subscriptions', 'Microsoft.Security/pricings'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Security Center/ASC_EnableAdvancedThreatProtectionOnKeyVaults_Audit.json',
  },
  '7926a6d1': {
    name: 'Microsoft Defender for APIs should be enabled',
    resources: ['Microsoft.Resources/subscriptions', 'Microsoft.Security/pricings'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Security Center/ASC_EnableDefenderForAPIS_Audit.json',
  },
  'e71308d3': {
    name: 'Subnets should be associated with a Network Security Group',
    resources: ['Microsoft.Network/virtualNetworks/subnets'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Security Center/ASC_NetworkSecurityGroupsOnSubnets_Audit.json',
  },
  '640d2586': {
    name: 'Microsoft Defender for Storage should be enabled',
    resources: ['Microsoft.Resources/subscriptions', 'Microsoft.Security/pricings'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Security Center/MDC_Microsoft_Defender_For_Storage_Full_Audit.json',
  },
  '4fa4b6c0': {
    name: 'Storage account public access should be disallowed',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/ASC_Storage_DisallowPublicBlobAccess_Audit.json',
  },
  '7aa1c9d5': {
    name: 'Storage SAS tokens should adhere to 7 day maximum validity',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/EnforceStorageSasMaxExpiration7Days_Deny.json',
  },
  'bf045164': {
    name: 'Geo-redundant storage should be enabled for Storage Accounts',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/GeoRedundant_StorageAccounts_Audit.json',
  },
  '92a89a79': {
    name: 'Storage accounts should prevent cross tenant object replication',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/StorageAccountAllowCrossTenantReplication_Audit.json',
  },
  '8c6a50c6': {
    name: 'Storage accounts should prevent shared key access',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/StorageAccountAllowSharedKeyAccess_Audit.json',
  },
  '6fac406b': {
    name: 'Storage accounts should use customer-managed key for encryption',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/StorageAccountCustomerManagedKeyEnabled_Audit.json',
  },
  '4733ea7b': {
    name: 'Storage accounts should have infrastructure encryption',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/StorageAccountInfrastructureEncryptionEnabled_Audit.json',
  },
  'fe83a0eb': {
    name: 'Storage accounts should have the specified minimum TLS version',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/StorageAccountMinimumTLSVersion_Audit.json',
  },
  '6edd7eda': {
    name: 'Storage accounts should use private link',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/StorageAccountPrivateEndpointEnabled_Audit.json',
  },
  '75973700': {
    name: 'Configure a private DNS Zone ID for blob groupID',
    resources: ['Microsoft.Network/privateEndpoints'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/StoragePrivateDnsZoneGroup_Blob.json',
  },
  'b2982f36': {
    name: 'Storage accounts should disable public network access',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/StoragePublicNetworkAccess_AuditDeny.json',
  },
  '404c3081': {
    name: 'Secure transfer to storage accounts should be enabled',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/Storage_AuditForHTTPSEnabled_Audit.json',
  },
  '34c877ad': {
    name: 'Storage accounts should restrict network access',
    resources: ['Microsoft.Storage/storageAccounts'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Storage/Storage_NetworkAcls_Audit.json',
  },
  '1e30110a': {
    name: 'Require a tag and its value on resources',
    resources: ['*'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Tags/RequireTagAndValue_Deny.json',
  },
  '871b6d14': {
    name: 'Require a tag on resources',
    resources: ['*'],
    source: 'Azure/azure-policy@f4a50bacae07ddb096943c597669bcae494a6e29:built-in-policies/policyDefinitions/Tags/RequireTag_Deny.json',
  },
};

/** Per rule, per scheme, per cited id: the relation. Exactly the citations of the rules, no more. */
export const CROSS_REFERENCES: Readonly<Record<string, {
  checkov?: Record<string, CrossReference>;
  psrule?: Record<string, CrossReference>;
  azurePolicy?: Record<string, CrossReference>;
}>> = {
  'GAI-ACA-001': {
    psrule: {
      'Azure.ContainerApp.PublicAccess': {
        relation: 'related',
        checks: '`vnetConfiguration.internal` must be true with `infrastructureSubnetId` set.',
        note: 'PSRule also requires an internal environment (GAI-ACA-002): a VNet-injected external environment passes this rule and fails it.',
      },
    },
    azurePolicy: {
      '8b346db6': {
        relation: 'same',
        checks: '`vnetConfiguration.infrastructureSubnetId` must be set.',
      },
    },
  },
  'GAI-ACA-002': {
    psrule: {
      'Azure.ContainerApp.PublicAccess': {
        relation: 'same',
        checks: '`vnetConfiguration.internal` must be true with `infrastructureSubnetId` set.',
      },
    },
  },
  'GAI-ACA-003': {
    azurePolicy: {
      'd074ddf8': {
        relation: 'related',
        checks: '`vnetConfiguration.internal` must be true (publicNetworkAccess is not read).',
        note: 'The policy reads only `vnetConfiguration.internal` (GAI-ACA-002), not public network access: it ' +
          'fails an external environment with public access Disabled, which this rule passes.',
      },
    },
  },
  'GAI-ACA-004': {
    psrule: {
      'Azure.ContainerApp.AvailabilityZone': {
        relation: 'related',
        checks: 'In zone-capable regions, `zoneRedundant` must be true with an infrastructure subnet.',
        note: 'PSRule evaluates every environment in a zone-capable region; this rule only production plans.',
      },
    },
  },
  'GAI-ACA-005': {
    azurePolicy: {
      '6a664864': {
        relation: 'related',
        checks: 'The environment needs a diagnostic setting with the audit (or allLogs) category group to the given workspace.',
        note: 'The policy wants a diagnostic setting (audit group) to a given workspace; this rule also accepts `logs_destination = "log-analytics"` without one.',
      },
    },
  },
  'GAI-ACA-007': {
    psrule: {
      'Azure.ContainerApp.ExternalIngress': {
        relation: 'related',
        checks: 'When AZURE_CONTAINERAPPS_RESTRICT_INGRESS is set, `ingress.external` must be false or unset.',
        note: 'Opt-in: PSRule runs only when AZURE_CONTAINERAPPS_RESTRICT_INGRESS is set; then it checks the same.',
      },
    },
    azurePolicy: {
      '783ea2a8': {
        relation: 'same',
        checks: '`configuration.ingress.external` must not be true.',
      },
    },
  },
  'GAI-ACA-008': {
    psrule: {
      'Azure.ContainerApp.Insecure': {
        relation: 'same',
        checks: '`ingress.allowInsecure` must be false or unset.',
      },
    },
    azurePolicy: {
      '0e80e269': {
        relation: 'same',
        checks: '`configuration.ingress.allowInsecure` must not be true.',
      },
    },
  },
  'GAI-ACA-009': {
    psrule: {
      'Azure.ContainerApp.ManagedIdentity': {
        relation: 'stricter',
        checks: '`identity.type` must be SystemAssigned and/or UserAssigned.',
        note: 'This rule also requires registries to pull with an identity and secrets to be Key Vault references.',
      },
    },
    azurePolicy: {
      'b874ab2d': {
        relation: 'stricter',
        checks: '`identity.type` must be set and not "None".',
        note: 'This rule also requires registries to pull with an identity and secrets to be Key Vault references.',
      },
    },
  },
  'GAI-ACA-010': {
    psrule: {
      'Azure.ContainerApp.MinReplicas': {
        relation: 'related',
        checks: '`template.scale.minReplicas` must be at least 2 (rule documentation).',
        note: 'This rule runs for production plans only (and asks 3 replicas in a zone-redundant environment); PSRule for every app.',
      },
    },
  },
  'GAI-ACA-011': {
    psrule: {
      'Azure.ContainerApp.RestrictIngress': {
        relation: 'related',
        checks: 'An app with ingress must have IP security restrictions, all with action "Allow".',
        note: 'PSRule also fails an app with ingress but no IP restrictions, which this rule does not judge.',
      },
    },
  },
  'GAI-ACR-001': {
    checkov: {
      CKV_AZURE_137: {
        relation: 'same',
        checks: '`admin_enabled` must not be true.',
      },
    },
  },
  'GAI-ACR-002': {
    checkov: {
      CKV_AZURE_138: {
        relation: 'same',
        checks: 'A Standard or Premium registry must not set `anonymous_pull_enabled` true.',
      },
    },
  },
  'GAI-ACR-004': {
    checkov: {
      CKV_AZURE_233: {
        relation: 'related',
        checks: '`zone_redundancy_enabled` must be true on the registry and on every `georeplications` block.',
        note: 'This rule runs only for production plans; Checkov for every registry.',
      },
    },
  },
  'GAI-ACR-005': {
    checkov: {
      CKV_AZURE_237: {
        relation: 'same',
        checks: '`data_endpoint_enabled` must be true.',
      },
    },
  },
  'GAI-ACR-006': {
    checkov: {
      CKV_AZURE_167: {
        relation: 'stricter',
        checks: '`retention_policy_in_days` must be set (any value) or the 3.x `retention_policy` block enabled.',
        note: 'Checkov passes `retention_policy_in_days = 0`, which sends no retention policy; this rule fails it.',
      },
    },
  },
  'GAI-AMR-005': {
    azurePolicy: {
      '09aa11bb': {
        relation: 'related',
        checks: '`encryption.customerManagedKeyEncryption` must exist.',
        note: 'The policy wants a CMK on every cache; this rule only where the data classification requires one, and also checks the key identity is attached.',
      },
    },
  },
  'GAI-APIM-001': {
    checkov: {
      CKV_AZURE_107: {
        relation: 'related',
        checks: 'Passes when `virtual_network_configuration[0].subnet_id` is set to any value; `virtual_network_type` is not read.',
        note: 'Checkov only needs a subnet id, so External mode passes; it fails a private-endpoint-only v2 gateway that this rule accepts.',
      },
    },
    azurePolicy: {
      'ef619a2c': {
        relation: 'related',
        checks: 'For Developer and Premium SKUs, `virtualNetworkType` must be set and not "None" (External passes).',
        note: 'External passes the policy; it evaluates only Developer and Premium SKUs and fails private-endpoint-only gateways this rule accepts.',
      },
    },
  },
  'GAI-APIM-002': {
    checkov: {
      CKV_AZURE_174: {
        relation: 'related',
        checks: '`public_network_access_enabled` must not be true; unset fails.',
        note: 'Checkov judges every gateway; this rule only those fronted by a private endpoint (GAI-APIM-001 judges VNet-injected ones).',
      },
    },
  },
  'GAI-APIM-003': {
    checkov: {
      CKV_AZURE_173: {
        relation: 'related',
        checks: 'Fails when a `security` flag of the azurerm 3.x names (`enable_frontend_ssl30/tls10/tls11`, `enable_backend_tls10`) is true.',
        note: 'Checkov reads only the azurerm 3.x `enable_*` names (not the 4.x `*_enabled` ones), misspells backend SSL 3.0 and skips backend TLS 1.1.',
      },
    },
    psrule: {
      'Azure.APIM.Protocols': {
        relation: 'same',
        checks: 'The frontend and backend SSL 3.0, TLS 1.0 and TLS 1.1 custom properties must be "False" or unset.',
      },
    },
  },
  'GAI-APIM-004': {
    psrule: {
      'Azure.APIM.Ciphers': {
        relation: 'same',
        checks: 'The 3DES, TLS_RSA_* and TLS_ECDHE_RSA_*_CBC_SHA cipher custom properties must be "False".',
      },
    },
  },
  'GAI-APIM-005': {
    psrule: {
      'Azure.APIM.ManagedIdentity': {
        relation: 'same',
        checks: '`identity.type` must be SystemAssigned and/or UserAssigned.',
      },
    },
  },
  'GAI-APIM-006': {
    psrule: {
      'Azure.APIM.AvailabilityZone': {
        relation: 'related',
        checks: 'Premium services in zone-capable regions need at least 2 `zones` and at least one unit per zone.',
        note: 'PSRule judges Premium services in zone-capable regions in every environment; this rule production gateways of any SKU (non-Premium fails).',
      },
    },
  },
  'GAI-APIM-007': {
    psrule: {
      'Azure.APIM.MinAPIVersion': {
        relation: 'same',
        checks: '`apiVersionConstraint.minApiVersion` must be set and at least 2021-08-01.',
      },
    },
  },
  'GAI-APIM-010': {
    checkov: {
      CKV_AZURE_152: {
        relation: 'related',
        checks: 'Only for `sku_name` exactly "Consumption": `client_certificate_enabled` must be true.',
        note: 'Checkov only matches `sku_name` exactly "Consumption"; the provider format "Consumption_0" is UNKNOWN, so it never judges a real plan.',
      },
    },
  },
  'GAI-APIM-011': {
    psrule: {
      'Azure.APIM.HTTPEndpoint': {
        relation: 'stricter',
        checks: 'API `protocols` must not contain "http".',
        note: 'This rule also fails "ws" and a missing or empty `protocols`.',
      },
    },
    azurePolicy: {
      'ee7495e7': {
        relation: 'stricter',
        checks: 'API `protocols` must not contain "http" or "ws".',
        note: 'This rule also fails a missing or empty `protocols`.',
      },
    },
  },
  'GAI-APIM-012': {
    azurePolicy: {
      '8ac833bd': {
        relation: 'related',
        checks: 'The Defender for APIs assessment "API endpoints should be authenticated" must be healthy for each operation.',
        note: 'Relies on the Defender for APIs assessment of deployed API operations, not on the configuration.',
      },
    },
  },
  'GAI-APIM-013': {
    psrule: {
      'Azure.APIM.HTTPBackend': {
        relation: 'stricter',
        checks: 'Backend `url` and API `serviceUrl` must not start with "http://".',
        note: 'This rule also fails other schemes and relative URLs; PSRule only refuses "http://" (and also checks backends, GAI-APIM-015).',
      },
    },
  },
  'GAI-APIM-014': {
    psrule: {
      'Azure.APIM.APIDescriptors': {
        relation: 'same',
        checks: 'Every API must have a non-empty `displayName` and `description`.',
      },
    },
  },
  'GAI-APIM-015': {
    checkov: {
      CKV_AZURE_215: {
        relation: 'stricter',
        checks: 'The backend `url` must contain the substring "https".',
        note: 'A substring match: Checkov passes "http://https-proxy..." and does not report a missing url; this rule fails both.',
      },
    },
    psrule: {
      'Azure.APIM.HTTPBackend': {
        relation: 'stricter',
        checks: 'Backend `url` and API `serviceUrl` must not start with "http://".',
        note: 'PSRule only refuses "http://"; this rule requires "https://" and fails a missing url.',
      },
    },
  },
  'GAI-APIM-016': {
    azurePolicy: {
      '92bb331d': {
        relation: 'same',
        checks: '`tls.validateCertificateChain` and `tls.validateCertificateName` must not be false.',
      },
    },
  },
  'GAI-APIM-019': {
    psrule: {
      'Azure.APIM.PolicyBase': {
        relation: 'related',
        checks: 'Each non-global policy must have <base /> in inbound, backend, outbound and on-error.',
        note: 'PSRule requires all four sections, each with <base />; this rule judges only the sections a policy declares.',
      },
    },
    azurePolicy: {
      'd5448c98': {
        relation: 'related',
        checks: 'API, operation and product policies must contain inbound, backend, outbound and on-error sections each starting with <base/>.',
        note: 'The policy requires all four sections, each starting with <base/>; this rule judges only declared sections and accepts <base /> anywhere in them.',
      },
    },
  },
  'GAI-APIM-020': {
    psrule: {
      'Azure.APIM.CORSPolicy': {
        relation: 'same',
        checks: 'No `*` in the origins, methods or headers of a <cors> policy.',
      },
    },
  },
  'GAI-APIM-021': {
    psrule: {
      'Azure.APIM.EncryptValues': {
        relation: 'related',
        checks: 'Every named value must have `keyVault.secretIdentifier`.',
        note: 'PSRule wants every named value in Key Vault; this rule only secret ones.',
      },
    },
    azurePolicy: {
      'f1cc7827': {
        relation: 'same',
        checks: 'A secret named value must reference a Key Vault secret.',
      },
    },
  },
  'GAI-APIM-022': {
    azurePolicy: {
      '3aa03346': {
        relation: 'stricter',
        checks: 'An active subscription must not be scoped to all APIs.',
        note: 'This rule also fails suspended all-API subscriptions and `allow_tracing` left on.',
      },
    },
  },
  'GAI-APIM-023': {
    psrule: {
      'Azure.APIM.ProductSubscription': {
        relation: 'stricter',
        checks: 'Every product must have `subscriptionRequired` true.',
        note: 'This rule also checks approval of published products and the sample products.',
      },
      'Azure.APIM.ProductApproval': {
        relation: 'related',
        checks: 'Every product must have `approvalRequired` true.',
        note: 'PSRule wants approval on every product; this rule only on published ones.',
      },
      'Azure.APIM.SampleProducts': {
        relation: 'stricter',
        checks: 'No product may be named "starter" or "unlimited".',
        note: 'This rule also checks subscription and approval requirements.',
      },
    },
  },
  'GAI-APPI-001': {
    psrule: {
      'Azure.AppInsights.Workspace': {
        relation: 'stricter',
        checks: '`properties.workspaceResourceId` must have a value.',
        note: 'This rule also requires the workspace to be the platform workspace in this plan.',
      },
    },
    azurePolicy: {
      'd550e854': {
        relation: 'stricter',
        checks: '`WorkspaceResourceId` must be set.',
        note: 'This rule also requires the workspace to be the platform workspace in this plan.',
      },
    },
  },
  'GAI-APPI-002': {
    psrule: {
      'Azure.AppInsights.LocalAuth': {
        relation: 'same',
        checks: '`properties.disableLocalAuth` must be true.',
      },
    },
    azurePolicy: {
      '199d5677': {
        relation: 'same',
        checks: '`DisableLocalAuth` must be true.',
      },
    },
  },
  'GAI-APPI-003': {
    azurePolicy: {
      '1bc02227': {
        relation: 'related',
        checks: '`publicNetworkAccessForIngestion` and `publicNetworkAccessForQuery` must both be "disabled".',
        note: 'This rule runs only when the plan declares a private link scope; the policy for every component.',
      },
    },
  },
  'GAI-COG-001': {
    checkov: {
      CKV_AZURE_236: {
        relation: 'same',
        checks: '`local_auth_enabled` must be false; unset fails.',
      },
    },
    psrule: {
      'Azure.AI.DisableLocalAuth': {
        relation: 'same',
        checks: '`properties.disableLocalAuth` must be true.',
      },
    },
    azurePolicy: {
      '71ef260a': {
        relation: 'same',
        checks: '`disableLocalAuth` must be true.',
      },
      '14de9e63': {
        relation: 'same',
        checks: 'Modify: sets `disableLocalAuth` to true on accounts where it is not.',
      },
    },
  },
  'GAI-COG-002': {
    checkov: {
      CKV_AZURE_134: {
        relation: 'same',
        checks: '`public_network_access_enabled` must be false; unset fails.',
      },
    },
    psrule: {
      'Azure.AI.PrivateEndpoints': {
        relation: 'same',
        checks: '`properties.publicNetworkAccess` must be "Disabled" (private endpoints themselves are not checked).',
      },
    },
  },
  'GAI-COG-003': {
    psrule: {
      'Azure.AI.PublicAccess': {
        relation: 'stricter',
        checks: 'Passes when `publicNetworkAccess` is "Disabled" or `networkAcls.defaultAction` is "Deny".',
        note: 'This rule requires the deny-by-default firewall even with public access disabled, and also judges IP rules and the bypass.',
      },
    },
    azurePolicy: {
      '037eea7a': {
        relation: 'stricter',
        checks: 'Passes when `publicNetworkAccess` is "Disabled" or `networkAcls.defaultAction` is "Deny".',
        note: 'This rule requires the deny-by-default firewall even with public access disabled, and also judges IP rules and the bypass.',
      },
    },
  },
  'GAI-COG-005': {
    checkov: {
      CKV_AZURE_238: {
        relation: 'same',
        checks: '`identity[0].type` must be set to any value.',
      },
    },
    psrule: {
      'Azure.AI.ManagedIdentity': {
        relation: 'related',
        checks: 'For kind TextAnalytics only: `identity.type` must be SystemAssigned and/or UserAssigned.',
        note: 'PSRule evaluates only TextAnalytics (Language) accounts, not OpenAI or AIServices.',
      },
    },
    azurePolicy: {
      'fe3fd216': {
        relation: 'same',
        checks: '`identity.type` must be set and not "None".',
      },
    },
  },
  'GAI-COG-006': {
    checkov: {
      CKV_AZURE_247: {
        relation: 'related',
        checks: 'For kind OpenAI only: `outbound_network_access_restricted` must be true and `fqdns` non-empty.',
        note: 'Checkov evaluates only kind OpenAI (not AIServices), fails an empty allowlist (the strictest setting, passed here) and does not refuse wildcards.',
      },
    },
  },
  'GAI-COG-007': {
    checkov: {
      CKV2_AZURE_22: {
        relation: 'related',
        checks: 'The account must be connected to an `azurerm_cognitive_account_customer_managed_key` that uses an `azurerm_key_vault_key`.',
        note: 'Checkov needs a separate azurerm_cognitive_account_customer_managed_key on every account; this rule accepts the inline block and requires a CMK only for confidential data.',
      },
    },
    azurePolicy: {
      '67121cc7': {
        relation: 'related',
        checks: '`encryption.keySource` must be "Microsoft.KeyVault" (AIServices and several other kinds excluded by default).',
        note: 'The policy excludes AIServices and several other kinds by default and applies to every account; this rule requires a CMK only for confidential data.',
      },
    },
  },
  'GAI-COG-009': {
    psrule: {
      'Azure.Resource.AllowedRegions': {
        relation: 'related',
        checks: '`location` must be one of AZURE_RESOURCE_ALLOWED_LOCATIONS (passes when none is configured).',
        note: 'Passes everything unless AZURE_RESOURCE_ALLOWED_LOCATIONS is configured; with REGIONS configured it checks the same.',
      },
    },
    azurePolicy: {
      'e56962a6': {
        relation: 'same',
        checks: '`location` must be in `listOfAllowedLocations` or "global" (resource groups not evaluated).',
      },
    },
  },
  'GAI-DEP-002': {
    azurePolicy: {
      'aafe3651': {
        relation: 'related',
        checks: 'The deployment\'s model publisher or asset id must be on the allowed lists.',
        note: 'The policy allows models by publisher or asset id and does not check version pinning.',
      },
    },
  },
  'GAI-GEN-004': {
    azurePolicy: {
      '8ac833bd': {
        relation: 'related',
        checks: 'The Defender for APIs assessment "API endpoints should be authenticated" must be healthy for each operation.',
        note: 'Relies on the Defender for APIs assessment of deployed API operations, not on the configuration.',
      },
    },
  },
  'GAI-GEN-007': {
    azurePolicy: {
      '930f48f9': {
        relation: 'related',
        checks: 'The deployment needs enabled, blocking Prompt and Completion filters of the given harm category with an allowed severity threshold.',
        note: 'One harm category per assignment, and it also checks the severity threshold: its defaults (Medium, High) fail the platform\'s Low; set them to Low, Medium.',
      },
    },
  },
  'GAI-GOV-001': {
    psrule: {
      'Azure.Resource.RequiredTags': {
        relation: 'related',
        checks: 'When AZURE_RESOURCE_REQUIRED_TAGS is configured, every listed tag must exist.',
        note: 'Runs only when AZURE_RESOURCE_REQUIRED_TAGS is configured, and then checks that the tags exist, not that they are non-empty.',
      },
      'Azure.Resource.UseTags': {
        relation: 'stricter',
        checks: 'The resource must have at least one tag.',
        note: 'This rule requires the five platform tags with non-empty values (PSRule covers every taggable type).',
      },
    },
    azurePolicy: {
      '871b6d14': {
        relation: 'stricter',
        checks: 'Denies a resource without the given tag.',
        note: 'One tag per assignment; this rule requires the five platform tags, non-empty.',
      },
      '1e30110a': {
        relation: 'related',
        checks: 'Denies a resource unless the given tag has the given value.',
        note: 'Requires one tag to have one fixed value; this rule checks the five tags are present, not their values.',
      },
    },
  },
  'GAI-GOV-002': {
    psrule: {
      'Azure.Resource.AllowedRegions': {
        relation: 'related',
        checks: '`location` must be one of AZURE_RESOURCE_ALLOWED_LOCATIONS (passes when none is configured).',
        note: 'Passes everything unless AZURE_RESOURCE_ALLOWED_LOCATIONS is configured; with REGIONS configured it checks the same.',
      },
    },
    azurePolicy: {
      'e56962a6': {
        relation: 'related',
        checks: '`location` must be in `listOfAllowedLocations` or "global" (resource groups not evaluated).',
        note: 'The policy does not evaluate resource groups and accepts "global" for any type (this rule only for action groups).',
      },
    },
  },
  'GAI-GOV-003': {
    checkov: {
      CKV_AZURE_43: {
        relation: 'stricter',
        checks: 'The storage account `name` must match ^[a-z0-9]{3,24}$.',
        note: 'Storage accounts only; this rule also requires the CAF prefix "st".',
      },
    },
    psrule: {
      'Azure.Storage.Name': {
        relation: 'stricter',
        checks: 'The name must match ^[a-z0-9]{3,24}$.',
        note: 'This rule also requires the CAF prefix "st".',
      },
      'Azure.KeyVault.Name': {
        relation: 'stricter',
        checks: 'The name must be 3-24 letters, digits and hyphens, starting with a letter and ending alphanumeric.',
        note: 'This rule also requires lowercase, no "--" and the CAF prefix "kv".',
      },
      'Azure.Log.Name': {
        relation: 'stricter',
        checks: 'The name must be 4-63 alphanumerics and hyphens, alphanumeric at both ends.',
        note: 'This rule also requires the CAF prefix "log".',
      },
      'Azure.AppInsights.Name': {
        relation: 'related',
        checks: 'The name must be 1-255 letters, digits, periods, underscores, hyphens or parentheses, not ending in a period.',
        note: 'PSRule allows only letters, digits and . _ - ( ), no trailing period; this rule allows any character but %&\\?/, so e.g. spaces pass here and fail there.',
      },
      'Azure.Search.Name': {
        relation: 'stricter',
        checks: 'The name must be 2-60 lowercase letters, digits and single hyphens, starting with two alphanumerics.',
        note: 'This rule also requires the CAF prefix "srch".',
      },
      'Azure.APIM.Name': {
        relation: 'stricter',
        checks: 'The name must be 1-50 letters, digits and hyphens, starting with a letter and ending alphanumeric.',
        note: 'This rule also requires at least two characters and the CAF prefix "apim".',
      },
      'Azure.ContainerApp.Name': {
        relation: 'stricter',
        checks: 'The name must be 2-32 lowercase letters, digits and hyphens, starting with a letter.',
        note: 'This rule also forbids "--" and requires the CAF prefix "ca".',
      },
    },
  },
  'GAI-GOV-004': {
    checkov: {
      CKV_AZURE_84: {
        relation: 'stricter',
        checks: 'A pricing with `resource_type` "StorageAccounts" must have `tier` "Standard".',
        note: 'Checkov judges only the StorageAccounts plan; this rule every plan declared.',
      },
      CKV_AZURE_87: {
        relation: 'stricter',
        checks: 'A pricing with `resource_type` "KeyVaults" must have `tier` "Standard".',
        note: 'Checkov judges only the KeyVaults plan; this rule every plan declared.',
      },
    },
    psrule: {
      'Azure.Defender.Api': {
        relation: 'stricter',
        checks: 'The pricing named "Api" must have `pricingTier` "Standard".',
        note: 'PSRule judges only the Api plan; this rule every plan declared.',
      },
      'Azure.Defender.KeyVault': {
        relation: 'stricter',
        checks: 'The pricing named "KeyVaults" must have `pricingTier` "Standard".',
        note: 'PSRule judges only the KeyVaults plan; this rule every plan declared.',
      },
      'Azure.Defender.Storage': {
        relation: 'stricter',
        checks: 'The pricing named "StorageAccounts" must have `pricingTier` "Standard".',
        note: 'PSRule judges only the StorageAccounts plan; this rule every plan declared.',
      },
    },
    azurePolicy: {
      'c2c0c6d8': {
        relation: 'related',
        checks: 'The subscription\'s "AI" Defender plan must be on the Standard tier.',
        note: 'Audits the deployed subscription (a plan never declared in Terraform fails it); this rule judges declared pricing resources.',
      },
      '7926a6d1': {
        relation: 'related',
        checks: 'The subscription\'s "Api" Defender plan must be on the Standard tier.',
        note: 'Audits the deployed subscription (a plan never declared in Terraform fails it); this rule judges declared pricing resources.',
      },
      '0e6763cc': {
        relation: 'related',
        checks: 'The subscription\'s "KeyVaults" Defender plan must be on the Standard tier.',
        note: 'Audits the deployed subscription (a plan never declared in Terraform fails it); this rule judges declared pricing resources.',
      },
      '640d2586': {
        relation: 'related',
        checks: 'The "StorageAccounts" plan must be Standard with sub-plan DefenderForStorageV2, malware scanning and sensitive data discovery.',
        note: 'Audits the deployed subscription and also requires the DefenderForStorageV2 sub-plan with malware scanning and sensitive data discovery.',
      },
    },
  },
  'GAI-IAM-001': {
    psrule: {
      'Azure.RBAC.LimitOwner': {
        relation: 'related',
        checks: 'An exported subscription may have at most 3 Owner assignments at subscription or management group scope.',
        note: 'Runs on exported subscription data and allows up to 3 Owners at subscription scope; this rule refuses every assignment of the privileged roles.',
      },
    },
  },
  'GAI-IAM-006': {
    checkov: {
      CKV_AZURE_39: {
        relation: 'stricter',
        checks: 'Fails when `permissions[0].actions` contains "*".',
        note: 'This rule also refuses Microsoft.Authorization/* write actions.',
      },
    },
    azurePolicy: {
      'a451c1ef': {
        relation: 'related',
        checks: 'Flags every custom role definition.',
        note: 'The policy flags every custom role, also those with specific actions that this rule accepts.',
      },
    },
  },
  'GAI-IAM-007': {
    psrule: {
      'Azure.Identity.UserAssignedName': {
        relation: 'stricter',
        checks: 'The name must be 3-128 letters, digits, hyphens or underscores, starting alphanumeric.',
        note: 'This rule also requires the CAF prefix "id-" and an approved region.',
      },
    },
  },
  'GAI-KEY-001': {
    checkov: {
      CKV_AZURE_40: {
        relation: 'same',
        checks: '`expiration_date` must be set on the key.',
      },
    },
    azurePolicy: {
      '152b15f7': {
        relation: 'same',
        checks: 'A key must have an expiration date (`attributes.expiresOn`).',
      },
    },
  },
  'GAI-KEY-002': {
    psrule: {
      'Azure.KeyVault.AutoRotationPolicy': {
        relation: 'stricter',
        checks: 'Every key must have a rotation policy with a "rotate" lifetime action.',
        note: 'This rule also requires `expire_after` and `notify_before_expiry`.',
      },
    },
    azurePolicy: {
      'd8cf8476': {
        relation: 'related',
        checks: 'A key\'s scheduled rotation must fall within `maximumDaysToRotate` of its creation.',
        note: 'The policy also bounds the rotation interval (maximumDaysToRotate); this rule accepts any automatic trigger.',
      },
    },
  },
  'GAI-KEY-003': {
    checkov: {
      CKV_AZURE_112: {
        relation: 'related',
        checks: '`key_type` must be "RSA-HSM" or "EC-HSM".',
        note: 'Checkov wants every key HSM-backed; this rule only production keys and keys in a Premium vault.',
      },
    },
    azurePolicy: {
      '587c79fe': {
        relation: 'related',
        checks: 'A key\'s type must be RSA-HSM or EC-HSM.',
        note: 'The policy wants every key HSM-backed; this rule only production keys and keys in a Premium vault.',
      },
    },
  },
  'GAI-KEY-004': {
    azurePolicy: {
      '82067dbb': {
        relation: 'related',
        checks: 'An RSA key must be at least `minimumRSAKeySize` bits.',
        note: 'With the minimum at 3072 the policy also fails 2048-bit keys of services that accept nothing larger, which this rule accepts.',
      },
    },
  },
  'GAI-KEY-006': {
    psrule: {
      'Azure.KeyVault.AutoRotationPolicy': {
        relation: 'related',
        checks: 'Every key must have a rotation policy with a "rotate" lifetime action.',
        note: 'PSRule wants rotation on every key; this rule only on customer-managed keys (and also checks expiry and purge protection).',
      },
    },
    azurePolicy: {
      'd8cf8476': {
        relation: 'related',
        checks: 'A key\'s scheduled rotation must fall within `maximumDaysToRotate` of its creation.',
        note: 'The policy applies to every key and bounds the rotation interval; this rule judges customer-managed keys and accepts any automatic trigger.',
      },
      '152b15f7': {
        relation: 'related',
        checks: 'A key must have an expiration date (`attributes.expiresOn`).',
        note: 'The policy needs the key\'s own expiration date; this rule also accepts `rotation_policy.expire_after`, which leaves the first version without one.',
      },
      '0b60c0b2': {
        relation: 'related',
        checks: 'The vault must have soft delete and purge protection enabled.',
        note: 'The policy judges every vault; this rule the vaults holding customer-managed keys.',
      },
    },
  },
  'GAI-KEY-010': {
    checkov: {
      CKV_AZURE_40: {
        relation: 'related',
        checks: '`expiration_date` must be set on the key.',
        note: 'Checkov applies to every key; this rule only to customer-managed keys, and also checks `ignore_changes` and `prevent_destroy`.',
      },
    },
    azurePolicy: {
      '152b15f7': {
        relation: 'related',
        checks: 'A key must have an expiration date (`attributes.expiresOn`).',
        note: 'The policy applies to every key; this rule only to customer-managed keys, and also checks `ignore_changes` and `prevent_destroy`.',
      },
    },
  },
  'GAI-KV-001': {
    checkov: {
      CKV_AZURE_110: {
        relation: 'same',
        checks: '`purge_protection_enabled` must be true; unset fails.',
      },
      CKV_AZURE_42: {
        relation: 'same',
        checks: '`purge_protection_enabled` must be true and `soft_delete_enabled` absent or true.',
      },
    },
    psrule: {
      'Azure.KeyVault.PurgeProtect': {
        relation: 'same',
        checks: '`properties.enablePurgeProtection` must be true.',
      },
    },
    azurePolicy: {
      '0b60c0b2': {
        relation: 'same',
        checks: 'The vault must have soft delete and purge protection enabled.',
      },
    },
  },
  'GAI-KV-002': {
    checkov: {
      CKV_AZURE_111: {
        relation: 'related',
        checks: '`soft_delete_enabled` (azurerm 3.x) must not be false; unset passes.',
        note: 'Checkov reads `soft_delete_enabled`, which azurerm 4.x removed (soft delete is always on), and never the retention days.',
      },
    },
    psrule: {
      'Azure.KeyVault.SoftDelete': {
        relation: 'related',
        checks: '`properties.enableSoftDelete` must be true.',
        note: 'PSRule checks only that soft delete is on (always, today), not the retention days.',
      },
    },
    azurePolicy: {
      '1e66c121': {
        relation: 'related',
        checks: '`enableSoftDelete` must be true (retention days not read).',
        note: 'The policy checks only that soft delete is on (always, today), not the retention days.',
      },
    },
  },
  'GAI-KV-003': {
    psrule: {
      'Azure.KeyVault.RBAC': {
        relation: 'stricter',
        checks: '`properties.enableRbacAuthorization` must be true.',
        note: 'This rule also refuses any access policy.',
      },
      'Azure.KeyVault.AccessPolicy': {
        relation: 'stricter',
        checks: 'No access policy may grant "All" or "Purge" permissions.',
        note: 'This rule refuses every access policy, not only those granting All or Purge.',
      },
    },
    azurePolicy: {
      '12d4fa5e': {
        relation: 'stricter',
        checks: '`enableRbacAuthorization` must be true.',
        note: 'This rule also refuses any access policy.',
      },
    },
  },
  'GAI-KV-004': {
    azurePolicy: {
      '405c5871': {
        relation: 'same',
        checks: '`publicNetworkAccess` must be "Disabled".',
      },
    },
  },
  'GAI-KV-005': {
    checkov: {
      CKV_AZURE_109: {
        relation: 'stricter',
        checks: '`network_acls[0].default_action` must be "Deny"; no `network_acls` fails.',
        note: 'This rule also judges the trusted-services bypass.',
      },
    },
    psrule: {
      'Azure.KeyVault.Firewall': {
        relation: 'stricter',
        checks: '`networkAcls.defaultAction` must be "Deny".',
        note: 'This rule also judges the trusted-services bypass.',
      },
    },
    azurePolicy: {
      '55615ac9': {
        relation: 'stricter',
        checks: 'Passes when `publicNetworkAccess` is "Disabled" or the firewall denies by default.',
        note: 'This rule requires the deny-by-default firewall even with public access disabled and judges the bypass (policy with its default restrictIPAddresses = No).',
      },
    },
  },
  'GAI-LAW-002': {
    azurePolicy: {
      'e15effd4': {
        relation: 'same',
        checks: '`features.disableLocalAuth` must be true.',
      },
    },
  },
  'GAI-LAW-003': {
    azurePolicy: {
      '6c53d030': {
        relation: 'related',
        checks: '`publicNetworkAccessForIngestion` and `publicNetworkAccessForQuery` must both be "disabled".',
        note: 'This rule runs only when the plan declares a private link scope; the policy for every workspace.',
      },
    },
  },
  'GAI-LAW-006': {
    psrule: {
      'Azure.Log.Replication': {
        relation: 'related',
        checks: 'A workspace not linked to a cluster must have replication enabled with a location.',
        note: 'This rule runs only for production plans and accepts a suppression recording the DR decision.',
      },
    },
  },
  'GAI-MON-001': {
    psrule: {
      'Azure.KeyVault.Logs': {
        relation: 'related',
        checks: 'The vault needs a diagnostic setting with the AuditEvent category or the audit/allLogs group enabled.',
        note: 'PSRule checks that a vault has a setting with AuditEvent or audit/allLogs (the AuditEvent category alone passes); not its destination or metrics.',
      },
    },
    azurePolicy: {
      '1b4d1c4e': {
        relation: 'related',
        checks: 'AI services and Search resources need a diagnostic setting with logs (any destination).',
        note: 'The policy checks that AI services and Search resources have a setting with logs; not its destination, category groups or metrics.',
      },
      'cf820ca0': {
        relation: 'related',
        checks: 'The vault needs a diagnostic setting with an enabled log (storage retention, if any, of at least the required days).',
        note: 'The policy checks that a vault has a setting with an enabled log; not its destination, category groups or metrics.',
      },
      'b4330a05': {
        relation: 'related',
        checks: 'The search service needs a diagnostic setting with an enabled log (storage retention, if any, of at least the required days).',
        note: 'The policy checks that a search service has a setting with an enabled log; not its destination, category groups or metrics.',
      },
    },
  },
  'GAI-MON-003': {
    psrule: {
      'Azure.Alert.MetricAutoMitigate': {
        relation: 'stricter',
        checks: '`properties.autoMitigate` must be true.',
        note: 'This rule also requires the alert enabled, an action group and an explicit severity.',
      },
    },
  },
  'GAI-MON-004': {
    psrule: {
      'Azure.KeyVault.Logs': {
        relation: 'related',
        checks: 'The vault needs a diagnostic setting with the AuditEvent category or the audit/allLogs group enabled.',
        note: 'PSRule checks the log categories but not the destination; this rule checks the platform workspace but not the categories.',
      },
    },
    azurePolicy: {
      '1b4d1c4e': {
        relation: 'related',
        checks: 'AI services and Search resources need a diagnostic setting with logs (any destination).',
        note: 'The policy checks that a setting has logs, with any destination; this rule checks the platform workspace but not the categories.',
      },
      'cf820ca0': {
        relation: 'related',
        checks: 'The vault needs a diagnostic setting with an enabled log (storage retention, if any, of at least the required days).',
        note: 'The policy checks that a setting has an enabled log, with any destination; this rule checks the platform workspace but not the categories.',
      },
      'b4330a05': {
        relation: 'related',
        checks: 'The search service needs a diagnostic setting with an enabled log (storage retention, if any, of at least the required days).',
        note: 'The policy checks that a setting has an enabled log, with any destination; this rule checks the platform workspace but not the categories.',
      },
      '55d1f543': {
        relation: 'related',
        checks: 'The account needs a diagnostic setting with the audit (or allLogs) category group to the given workspace.',
        note: 'The policy also requires the audit (or allLogs) category group; this rule only a setting to the platform workspace.',
      },
      '567c93f7': {
        relation: 'related',
        checks: 'The service needs a diagnostic setting with the audit (or allLogs) category group to the given workspace.',
        note: 'The policy also requires the audit (or allLogs) category group; this rule only a setting to the platform workspace.',
      },
      '6a664864': {
        relation: 'related',
        checks: 'The environment needs a diagnostic setting with the audit (or allLogs) category group to the given workspace.',
        note: 'The policy also requires the audit (or allLogs) category group; this rule only a setting to the platform workspace.',
      },
      'aec4c33f': {
        relation: 'related',
        checks: 'The Azure Cache for Redis needs a diagnostic setting with the audit (or allLogs) category group to the given workspace.',
        note: 'The policy also requires the audit (or allLogs) category group; this rule only a setting to the platform workspace.',
      },
      'fa570aa1': {
        relation: 'related',
        checks: 'Each Redis Enterprise database needs a diagnostic setting with the audit (or allLogs) category group to the given workspace.',
        note: 'The policy wants the setting on each Redis Enterprise database (audit or allLogs group); this rule a setting for the cache.',
      },
    },
  },
  'GAI-MON-005': {
    psrule: {
      'Azure.AppInsights.Workspace': {
        relation: 'stricter',
        checks: '`properties.workspaceResourceId` must have a value.',
        note: 'This rule also requires the platform workspace in this plan (and judges Container Apps and AI Foundry links).',
      },
    },
    azurePolicy: {
      'd550e854': {
        relation: 'stricter',
        checks: '`WorkspaceResourceId` must be set.',
        note: 'This rule also requires the platform workspace in this plan (and judges Container Apps and AI Foundry links).',
      },
    },
  },
  'GAI-NET-001': {
    psrule: {
      'Azure.VNET.PrivateSubnet': {
        relation: 'related',
        checks: 'Every non-delegated subnet (gateway, firewall and Bastion subnets exempt) needs `defaultOutboundAccess` false.',
        note: 'PSRule skips delegated subnets, which this rule judges, and does not exempt RouteServerSubnet.',
      },
    },
    azurePolicy: {
      '7bca8353': {
        relation: 'related',
        checks: 'Every subnet must have `defaultOutboundAccess` false.',
        note: 'The policy exempts no subnet; this rule skips GatewaySubnet, firewall, route server and Bastion subnets.',
      },
    },
  },
  'GAI-NET-005': {
    checkov: {
      CKV_AZURE_182: {
        relation: 'stricter',
        checks: 'Fails only when `dns_servers` lists exactly one address.',
        note: 'This rule also requires the servers inside the VNet or a private range.',
      },
      CKV_AZURE_183: {
        relation: 'related',
        checks: 'When `dns_servers` is set, at least one address must lie in the VNet\'s own `address_space`.',
        note: 'Checkov wants one server in the VNet\'s own address space (hub resolvers in a peered VNet fail) and passes a single local server.',
      },
    },
    psrule: {
      'Azure.VNET.SingleDNS': {
        relation: 'stricter',
        checks: 'When DNS servers are set, there must be at least two.',
        note: 'This rule also requires the servers inside the VNet or a private range.',
      },
      'Azure.VNET.LocalDNS': {
        relation: 'related',
        checks: 'On exported VNets, the first DNS server must be inside the VNet or a peered range.',
        note: 'PSRule runs only on exported (deployed) VNets and checks the first server only.',
      },
    },
  },
  'GAI-NET-006': {
    azurePolicy: {
      '94de2ad3': {
        relation: 'related',
        checks: 'The VNet must have DDoS protection enabled with a plan.',
        note: 'The policy wants DDoS protection on every VNet; this rule only on VNets that host public ingress.',
      },
    },
  },
  'GAI-NET-007': {
    checkov: {
      CKV2_AZURE_31: {
        relation: 'related',
        checks: 'A subnet must be connected to an NSG association (GatewaySubnet, AzureFirewallSubnet and NetApp-delegated subnets exempt).',
        note: 'Exemptions differ: Checkov exempts NetApp-delegated subnets but not AzureFirewallManagementSubnet or RouteServerSubnet.',
      },
    },
    psrule: {
      'Azure.VNET.UseNSGs': {
        relation: 'stricter',
        checks: 'Every subnet (gateway, firewall, route server and Dedicated HSM subnets exempt) needs an NSG.',
        note: 'PSRule also exempts Dedicated HSM subnets and configured exclusions.',
      },
    },
    azurePolicy: {
      'e71308d3': {
        relation: 'related',
        checks: 'The Defender for Cloud assessment "subnet has an NSG" must be healthy.',
        note: 'Relies on the Defender for Cloud assessment of deployed subnets.',
      },
    },
  },
  'GAI-NET-008': {
    psrule: {
      'Azure.NSG.Associated': {
        relation: 'related',
        checks: 'An exported NSG must be associated with a subnet or network interface.',
        note: 'PSRule runs only on exported (deployed) NSGs.',
      },
    },
  },
  'GAI-NSG-001': {
    checkov: {
      CKV_AZURE_10: {
        relation: 'stricter',
        checks: 'No Inbound Allow Tcp/* rule covering port 22 from *, Internet, Any or 0.0.0.0 ("0.0.0.0/0" is not matched).',
        note: 'This rule also matches "0.0.0.0/0", Udp and RDP.',
      },
      CKV_AZURE_9: {
        relation: 'stricter',
        checks: 'No Inbound Allow Tcp/* rule covering port 3389 from *, Internet, Any or 0.0.0.0 ("0.0.0.0/0" is not matched).',
        note: 'This rule also matches "0.0.0.0/0", Udp and SSH.',
      },
    },
    psrule: {
      'Azure.NSG.AnyInboundSource': {
        relation: 'related',
        checks: 'No Inbound Allow rule may have `sourceAddressPrefix` "*" (any port).',
        note: 'PSRule refuses any Inbound Allow from "*" on any port, but not from Internet or 0.0.0.0/0.',
      },
    },
  },
  'GAI-NSG-002': {
    checkov: {
      CKV_AZURE_160: {
        relation: 'stricter',
        checks: 'No Inbound Allow Tcp/* rule covering port 80 from *, Internet, Any or 0.0.0.0 ("0.0.0.0/0" is not matched).',
        note: 'This rule refuses every Internet port but 443, and also matches "0.0.0.0/0".',
      },
    },
    psrule: {
      'Azure.NSG.AnyInboundSource': {
        relation: 'related',
        checks: 'No Inbound Allow rule may have `sourceAddressPrefix` "*" (any port).',
        note: 'PSRule refuses "*" even on 443 to an edge subnet, which this rule accepts, and ignores Internet or 0.0.0.0/0 sources.',
      },
    },
  },
  'GAI-NSG-003': {
    checkov: {
      CKV_AZURE_77: {
        relation: 'stricter',
        checks: 'No Inbound Allow rule with protocol exactly Udp from an Internet `source_address_prefix` (first NSG rule only).',
        note: 'This rule also matches protocol "*", every rule of an NSG, `source_address_prefixes` and "0.0.0.0/0".',
      },
    },
  },
  'GAI-PE-001': {
    checkov: {
      CKV2_AZURE_32: {
        relation: 'related',
        checks: 'The key vault must be connected to an `azurerm_private_endpoint`.',
        note: 'Key vaults only; Checkov fails a vault without an endpoint even when public access is on, and does not check sub-resource or approval.',
      },
      CKV2_AZURE_33: {
        relation: 'related',
        checks: 'The storage account must be connected to an `azurerm_private_endpoint`.',
        note: 'Storage accounts only; Checkov fails an account without an endpoint even when public access is on, and does not check sub-resource or approval.',
      },
    },
    azurePolicy: {
      'd6759c02': {
        relation: 'related',
        checks: 'The account must have at least one approved private endpoint connection.',
        note: 'AI services and Search only; the policy wants an approved endpoint even when public access is on.',
      },
      'a6abeaec': {
        relation: 'related',
        checks: 'The vault must have at least one approved private endpoint connection.',
        note: 'Key vaults only; the policy wants an approved endpoint even when public access is on.',
      },
      '6edd7eda': {
        relation: 'related',
        checks: 'The storage account must have an approved private endpoint connection.',
        note: 'Storage accounts only; the policy wants an approved endpoint even when public access is on.',
      },
      '7803067c': {
        relation: 'related',
        checks: 'The cache must have an approved private endpoint connection.',
        note: 'Azure Cache for Redis only; the policy wants an approved endpoint even when public access is on.',
      },
      '960e650e': {
        relation: 'related',
        checks: 'The cache must have an approved private endpoint connection.',
        note: 'Redis Enterprise / Managed Redis only; the policy wants an approved endpoint even when public access is on.',
      },
      '45e05259': {
        relation: 'related',
        checks: 'The workspace must have at least one approved private endpoint connection.',
        note: 'Machine Learning workspaces (AI Foundry hubs) only; the policy wants an approved endpoint even when public access is on.',
      },
    },
  },
  'GAI-PE-002': {
    azurePolicy: {
      'c4bc6f10': {
        relation: 'stricter',
        checks: 'Deploys a private DNS zone group (the zone given as parameter) on AI services endpoints (group "account") that have none.',
        note: 'Any zone group satisfies the policy; this rule also checks the zones (all three AI zones for AI Services).',
      },
      'fbc14a67': {
        relation: 'stricter',
        checks: 'Deploys a private DNS zone group (the zone given as parameter) on Search endpoints that have none.',
        note: 'Any zone group satisfies the policy; this rule also checks the zones.',
      },
      'e016b22b': {
        relation: 'stricter',
        checks: 'Deploys a private DNS zone group (the zone given as parameter) on Azure Cache for Redis endpoints that have none.',
        note: 'Any zone group satisfies the policy; this rule also checks the zones.',
      },
      '7473e756': {
        relation: 'stricter',
        checks: 'Deploys a private DNS zone group (the zone given as parameter) on Redis Enterprise endpoints that have none.',
        note: 'Any zone group satisfies the policy; this rule also checks the zones.',
      },
      '75973700': {
        relation: 'stricter',
        checks: 'Deploys a private DNS zone group (the zone given as parameter) on private endpoints for blob that have none.',
        note: 'Any zone group satisfies the policy; this rule also checks the zones.',
      },
    },
  },
  'GAI-PE-005': {
    psrule: {
      'Azure.AI.PrivateEndpoints': {
        relation: 'related',
        checks: '`properties.publicNetworkAccess` must be "Disabled" (private endpoints themselves are not checked).',
        note: 'AI services accounts only, and every account rather than only those behind a private endpoint.',
      },
    },
  },
  'GAI-RAI-001': {
    azurePolicy: {
      '930f48f9': {
        relation: 'related',
        checks: 'The deployment needs enabled, blocking Prompt and Completion filters of the given harm category with an allowed severity threshold.',
        note: 'Judges deployments, one harm category per assignment, and also the severity threshold: its defaults (Medium, High) fail the platform\'s Low; set them to Low, Medium.',
      },
    },
  },
  'GAI-RAI-002': {
    azurePolicy: {
      '930f48f9': {
        relation: 'related',
        checks: 'The deployment needs enabled, blocking Prompt and Completion filters of the given harm category with an allowed severity threshold.',
        note: 'Its default allowed thresholds (Medium, High) accept High, which this rule flags, and fail Low, the platform\'s default: assign it with Low, Medium.',
      },
    },
  },
  'GAI-RAI-003': {
    azurePolicy: {
      'f3a9c2e0': {
        relation: 'related',
        checks: 'The deployment needs an enabled, blocking Prompt filter of the given name (Profanity, Jailbreak, Indirect Attack).',
        note: 'Judges each deployment\'s effective filters, one filter name per assignment (Jailbreak, Indirect Attack; also Profanity).',
      },
      'af253d37': {
        relation: 'related',
        checks: 'The deployment needs an enabled, blocking Completion filter of the given name (Profanity or Protected Material Text/Code).',
        note: 'Judges each deployment\'s effective filters, one filter name per assignment (Protected Material Text or Code; also Profanity).',
      },
    },
  },
  'GAI-SRCH-001': {
    checkov: {
      CKV_AZURE_124: {
        relation: 'same',
        checks: '`public_network_access_enabled` must be false; unset fails.',
      },
    },
    azurePolicy: {
      'ee980b6d': {
        relation: 'same',
        checks: '`publicNetworkAccess` must be "Disabled".',
      },
    },
  },
  'GAI-SRCH-002': {
    azurePolicy: {
      '6300012e': {
        relation: 'stricter',
        checks: '`disableLocalAuth` must be true.',
        note: 'This rule also requires `authentication_failure_mode` unset.',
      },
    },
  },
  'GAI-SRCH-003': {
    checkov: {
      CKV_AZURE_207: {
        relation: 'related',
        checks: '`identity[0].type` must be "SystemAssigned".',
        note: 'Checkov accepts only SystemAssigned: a UserAssigned identity (the search construct\'s) fails it and passes this rule.',
      },
    },
    psrule: {
      'Azure.Search.ManagedIdentity': {
        relation: 'related',
        checks: '`identity.type` must be "SystemAssigned".',
        note: 'PSRule accepts only SystemAssigned: a UserAssigned identity (the search construct\'s) fails it and passes this rule.',
      },
    },
  },
  'GAI-SRCH-004': {
    checkov: {
      CKV_AZURE_210: {
        relation: 'stricter',
        checks: '`allowed_ips` must not contain "0.0.0.0/0".',
        note: 'This rule refuses any range broader than /24, not only "0.0.0.0/0".',
      },
    },
  },
  'GAI-SRCH-005': {
    checkov: {
      CKV_AZURE_209: {
        relation: 'related',
        checks: '`replica_count` must be an integer of at least 2.',
        note: 'This rule runs only for production plans.',
      },
      CKV_AZURE_208: {
        relation: 'related',
        checks: '`replica_count` must be an integer of at least 3.',
        note: 'This rule runs only for production plans and asks 3 replicas only when workloads write to indexes.',
      },
    },
    psrule: {
      'Azure.Search.QuerySLA': {
        relation: 'related',
        checks: '`properties.replicaCount` must be at least 2.',
        note: 'This rule runs only for production plans.',
      },
      'Azure.Search.IndexSLA': {
        relation: 'related',
        checks: '`properties.replicaCount` must be at least 3.',
        note: 'This rule runs only for production plans and asks 3 replicas only when workloads write to indexes.',
      },
    },
  },
  'GAI-SRCH-006': {
    psrule: {
      'Azure.Search.SKU': {
        relation: 'same',
        checks: '`sku.name` must not be "free".',
      },
    },
    azurePolicy: {
      'a049bf77': {
        relation: 'same',
        checks: '`sku.name` must not be "free".',
      },
    },
  },
  'GAI-SRCH-007': {
    azurePolicy: {
      '76a56461': {
        relation: 'related',
        checks: 'CMK enforcement must be Enabled and the service compliant with it.',
        note: 'The policy applies to every service (and reads the compliance status of deployed ones); this rule only where the data classification requires a CMK.',
      },
    },
  },
  'GAI-ST-001': {
    checkov: {
      CKV_AZURE_3: {
        relation: 'related',
        checks: '`enable_https_traffic_only` (azurerm 3.x name) must not be false.',
        note: 'Checkov reads only the azurerm 3.x name `enable_https_traffic_only`, so it cannot catch `https_traffic_only_enabled = false`.',
      },
    },
    psrule: {
      'Azure.Storage.SecureTransfer': {
        relation: 'same',
        checks: '`supportsHttpsTrafficOnly` must be true (unset passes on current API versions).',
      },
    },
    azurePolicy: {
      '404c3081': {
        relation: 'same',
        checks: '`supportsHttpsTrafficOnly` must not be false.',
      },
    },
  },
  'GAI-ST-002': {
    checkov: {
      CKV_AZURE_44: {
        relation: 'same',
        checks: '`min_tls_version` must be "TLS1_2" or "TLS1_3"; unset fails.',
      },
    },
    psrule: {
      'Azure.Storage.MinTLS': {
        relation: 'same',
        checks: '`minimumTlsVersion` must be "TLS1_2".',
      },
    },
    azurePolicy: {
      'fe83a0eb': {
        relation: 'same',
        checks: '`minimumTlsVersion` must equal the parameter (default TLS1_2).',
      },
    },
  },
  'GAI-ST-003': {
    checkov: {
      CKV_AZURE_190: {
        relation: 'same',
        checks: '`allow_nested_items_to_be_public` must be false; unset fails.',
      },
      CKV2_AZURE_47: {
        relation: 'same',
        checks: '`allow_nested_items_to_be_public` must exist and be false.',
      },
    },
    psrule: {
      'Azure.Storage.BlobPublicAccess': {
        relation: 'same',
        checks: '`allowBlobPublicAccess` must be false (FileStorage accounts skipped).',
      },
    },
    azurePolicy: {
      '4fa4b6c0': {
        relation: 'same',
        checks: '`allowBlobPublicAccess` must be false.',
      },
    },
  },
  'GAI-ST-004': {
    checkov: {
      CKV_AZURE_59: {
        relation: 'same',
        checks: '`public_network_access_enabled` must be false; unset fails.',
      },
    },
    azurePolicy: {
      'b2982f36': {
        relation: 'same',
        checks: '`publicNetworkAccess` must be "Disabled".',
      },
    },
  },
  'GAI-ST-005': {
    checkov: {
      CKV_AZURE_35: {
        relation: 'stricter',
        checks: 'The network rules `default_action` must be "Deny"; an account without network rules is not reported.',
        note: 'Checkov does not report an account without network rules; this rule fails it.',
      },
    },
    psrule: {
      'Azure.Storage.Firewall': {
        relation: 'same',
        checks: '`networkAcls.defaultAction` must be "Deny".',
      },
    },
    azurePolicy: {
      '34c877ad': {
        relation: 'same',
        checks: '`networkAcls.defaultAction` must be "Deny".',
      },
    },
  },
  'GAI-ST-006': {
    checkov: {
      CKV2_AZURE_40: {
        relation: 'stricter',
        checks: '`shared_access_key_enabled` must exist and be false.',
        note: 'This rule also requires `default_to_oauth_authentication = true`.',
      },
    },
    psrule: {
      'Azure.Storage.LocalAuth': {
        relation: 'stricter',
        checks: '`allowSharedKeyAccess` must be false (rule documentation).',
        note: 'This rule also requires `default_to_oauth_authentication = true`.',
      },
    },
    azurePolicy: {
      '8c6a50c6': {
        relation: 'stricter',
        checks: '`allowSharedKeyAccess` must be false.',
        note: 'This rule also requires `default_to_oauth_authentication = true`.',
      },
    },
  },
  'GAI-ST-007': {
    checkov: {
      CKV2_AZURE_41: {
        relation: 'stricter',
        checks: 'Passes when shared keys are off, or explicitly on with a non-empty `sas_policy.expiration_period`.',
        note: 'Checkov does not bound the period (any `expiration_period` passes); it also fails an unset `shared_access_key_enabled`.',
      },
    },
    azurePolicy: {
      '7aa1c9d5': {
        relation: 'related',
        checks: 'A SAS expiration period of at most 7 days with expiration action "Block" must be set.',
        note: 'The policy also fails accounts with shared keys off but no SAS policy, and requires expiration action "Block", which this rule does not read.',
      },
    },
  },
  'GAI-ST-008': {
    checkov: {
      CKV2_AZURE_38: {
        relation: 'stricter',
        checks: 'A blob `delete_retention_policy` must exist (FileStorage accounts exempt).',
        note: 'This rule also requires at least 7 days, container soft delete and versioning.',
      },
    },
    psrule: {
      'Azure.Storage.SoftDelete': {
        relation: 'stricter',
        checks: 'The blob service must enable blob delete retention (HNS, FileStorage and Cloud Shell accounts skipped).',
        note: 'This rule also requires at least 7 days, container soft delete and versioning (and judges HNS accounts).',
      },
      'Azure.Storage.ContainerSoftDelete': {
        relation: 'stricter',
        checks: 'The blob service must enable container delete retention for at least 1 day.',
        note: 'This rule also requires at least 7 days, blob soft delete and versioning (and judges HNS accounts).',
      },
    },
  },
  'GAI-ST-010': {
    checkov: {
      CKV2_AZURE_1: {
        relation: 'related',
        checks: 'An `azurerm_storage_account_customer_managed_key` or `customer_managed_key.key_vault_key_id` must exist.',
        note: 'Checkov does not accept a managed HSM key (`customer_managed_key.managed_hsm_key_id`), which this rule accepts.',
      },
    },
    azurePolicy: {
      '6fac406b': {
        relation: 'same',
        checks: '`encryption.keySource` must be "Microsoft.Keyvault".',
      },
    },
  },
  'GAI-ST-011': {
    azurePolicy: {
      '4733ea7b': {
        relation: 'same',
        checks: '`encryption.requireInfrastructureEncryption` must be true.',
      },
    },
  },
  'GAI-ST-012': {
    azurePolicy: {
      '92a89a79': {
        relation: 'stricter',
        checks: '`allowCrossTenantReplication` must be false.',
        note: 'This rule also requires `allowed_copy_scope` AAD or PrivateLink.',
      },
    },
  },
  'GAI-ST-013': {
    checkov: {
      CKV_AZURE_244: {
        relation: 'stricter',
        checks: '`local_user_enabled` must not be true (unset fails only when `is_hns_enabled` is set).',
        note: 'This rule also fails an unset `local_user_enabled` (provider default true) and SFTP.',
      },
    },
  },
  'GAI-ST-014': {
    checkov: {
      CKV_AZURE_43: {
        relation: 'same',
        checks: 'The storage account `name` must match ^[a-z0-9]{3,24}$.',
      },
    },
    psrule: {
      'Azure.Storage.Name': {
        relation: 'same',
        checks: 'The name must match ^[a-z0-9]{3,24}$.',
      },
    },
  },
};

/** Citations dropped in the audit, with why; kept so that nobody adds them back. */
export const DROPPED: readonly { readonly ruleId: string; readonly scheme: 'checkov' | 'psrule' | 'azurePolicy'; readonly id: string; readonly why: string }[] = [
  {
    ruleId: 'GAI-AMR-001', scheme: 'azurePolicy', id: '960e650e',
    why: 'Checks that an approved private endpoint exists (GAI-PE-001 cites it), not that public network access is disabled: a cache with both paths open passes it.',
  },
  {
    ruleId: 'GAI-AMR-002', scheme: 'psrule', id: 'Azure.RedisEnterprise.MinTLS',
    why: 'Checks the minimum TLS version, not `client_protocol`: a cache that accepts Plaintext connections passes it.',
  },
  {
    ruleId: 'GAI-AMR-004', scheme: 'psrule', id: 'Azure.RedisEnterprise.Zones',
    why: 'Checks zones of Enterprise_/EnterpriseFlash_ SKUs, which azurerm_managed_redis no longer offers, and never reads high availability.',
  },
  {
    ruleId: 'GAI-APIM-001', scheme: 'azurePolicy', id: '73ef9241',
    why: 'Checks only the SKU (default Developer, Premium, Isolated), not the network mode: it fails the v2 SKUs with a private endpoint that this rule accepts.',
  },
  {
    ruleId: 'GAI-APIM-002', scheme: 'azurePolicy', id: 'df73bd95',
    why: 'Checks that the direct management API endpoint (service/tenant access) is disabled, not `public_network_access_enabled`.',
  },
  {
    ruleId: 'GAI-APIM-006', scheme: 'psrule', id: 'Azure.APIM.MultiRegion',
    why: 'Requires additional regions (`additionalLocations`) for Premium, which this rule does not ask for: multi-region deployment is a different control.',
  },
  {
    ruleId: 'GAI-APIM-006', scheme: 'azurePolicy', id: '73ef9241',
    why: 'Wants a SKU that supports VNet injection (Developer passes, v2 SKUs fail), not a zone-redundant Premium: it passes a production Developer gateway and fails PremiumV2.',
  },
  {
    ruleId: 'GAI-APIM-008', scheme: 'psrule', id: 'Azure.APIM.CertificateExpiry',
    why: 'Checks that hostname certificates are more than 30 days from expiry, not that they come from Key Vault.',
  },
  {
    ruleId: 'GAI-APIM-009', scheme: 'azurePolicy', id: 'ffe25541',
    why: 'Checks `portalconfigs.enableBasicAuth` (username/password sign-in), not the `sign_up` setting this rule reads.',
  },
  {
    ruleId: 'GAI-APIM-012', scheme: 'psrule', id: 'Azure.APIM.ProductSubscription',
    why: 'Checks products\' `subscriptionRequired`, not APIs\' (GAI-APIM-023 cites it for products).',
  },
  {
    ruleId: 'GAI-APIM-017', scheme: 'azurePolicy', id: 'c15dcc82',
    why: 'The opposite: it wants credentials on the backend (a certificate or an Authorization scheme), so ' +
      'a managed-identity backend with no credentials fails it and Basic credentials pass.',
  },
  {
    ruleId: 'GAI-COG-002', scheme: 'psrule', id: 'Azure.AI.PublicAccess',
    why: 'Accepts public access left on when the firewall denies by default, which this rule flags; it is GAI-COG-003\'s control (cited there).',
  },
  {
    ruleId: 'GAI-COG-002', scheme: 'azurePolicy', id: '037eea7a',
    why: 'Accepts public access left on when the firewall denies by default, which this rule flags; it is GAI-COG-003\'s control (cited there).',
  },
  {
    ruleId: 'GAI-COG-002', scheme: 'azurePolicy', id: 'd6759c02',
    why: 'Checks that an approved private endpoint exists (GAI-PE-001 cites it), not that public network access is disabled.',
  },
  {
    ruleId: 'GAI-DEP-001', scheme: 'azurePolicy', id: 'c1ad46c6',
    why: 'Checks the filter mode of the deployment, not that it names a reviewable RAI policy.',
  },
  {
    ruleId: 'GAI-DEP-001', scheme: 'azurePolicy', id: 'af253d37',
    why: 'Checks the deployment\'s Completion filter settings (GAI-RAI-003 cites it), not that it names a reviewable RAI policy.',
  },
  {
    ruleId: 'GAI-DEP-001', scheme: 'azurePolicy', id: 'f3a9c2e0',
    why: 'Checks the deployment\'s Prompt filter settings (GAI-RAI-003 cites it), not that it names a reviewable RAI policy.',
  },
  {
    ruleId: 'GAI-DEP-001', scheme: 'azurePolicy', id: '930f48f9',
    why: 'Checks the deployment\'s harm-category filter settings (GAI-GEN-007 cites it), not that it names a reviewable RAI policy.',
  },
  {
    ruleId: 'GAI-GEN-003', scheme: 'azurePolicy', id: 'c15dcc82',
    why: 'The opposite: it wants credentials on the backend (a certificate or an Authorization scheme); a model backend reached with the managed identity in policy fails it.',
  },
  {
    ruleId: 'GAI-GEN-007', scheme: 'azurePolicy', id: 'c1ad46c6',
    why: 'Checks the filter mode (and allows only Default and Asynchronous_filter, not the platform\'s Blocking); this rule judges the harm-category filters.',
  },
  {
    ruleId: 'GAI-GEN-007', scheme: 'azurePolicy', id: 'af253d37',
    why: 'Checks Profanity and Protected Material Completion filters, which are not part of the GAI-RAI-001 baseline this rule applies.',
  },
  {
    ruleId: 'GAI-GEN-007', scheme: 'azurePolicy', id: 'f3a9c2e0',
    why: 'Checks Profanity, Jailbreak and Indirect Attack Prompt filters, which are not part of the GAI-RAI-001 baseline this rule applies.',
  },
  {
    ruleId: 'GAI-IAM-001', scheme: 'azurePolicy', id: 'a451c1ef',
    why: 'Flags every custom role definition; it says nothing about Owner, Contributor or access-administration role assignments.',
  },
  {
    ruleId: 'GAI-IAM-004', scheme: 'azurePolicy', id: '5f0c7d88',
    why: 'Checks that Machine Learning workspaces have a primary user-assigned identity, not that identities stay within one workload tier.',
  },
  {
    ruleId: 'GAI-KV-004', scheme: 'checkov', id: 'CKV_AZURE_189',
    why: 'Passes a vault with public network access on when `network_acls` lists IP rules or subnets, the deployer-IP case this rule exists to flag.',
  },
  {
    ruleId: 'GAI-KV-004', scheme: 'azurePolicy', id: '55615ac9',
    why: 'Passes a vault with public network access on behind a deny-by-default firewall, which this rule flags; it is GAI-KV-005\'s control (cited there).',
  },
  {
    ruleId: 'GAI-KV-007', scheme: 'azurePolicy', id: '587c79fe',
    why: 'Checks each key\'s type (GAI-KEY-003 cites it), not the vault SKU.',
  },
  {
    ruleId: 'GAI-NSG-005', scheme: 'psrule', id: 'Azure.NSG.LateralTraversal',
    why: 'Requires an Outbound Deny to VirtualNetwork on 22/3389; this rule judges Allow rules and never requires a deny rule.',
  },
  {
    ruleId: 'GAI-PE-001', scheme: 'psrule', id: 'Azure.AI.PrivateEndpoints',
    why: 'Despite its name it checks `publicNetworkAccess` "Disabled" (GAI-COG-002 cites it), not that a private endpoint exists.',
  },
  {
    ruleId: 'GAI-PE-005', scheme: 'psrule', id: 'Azure.AI.PublicAccess',
    why: 'Accepts an open public path behind a deny-by-default firewall, which this rule flags on purpose; replaced by Azure.AI.PrivateEndpoints.',
  },
  {
    ruleId: 'GAI-PE-005', scheme: 'azurePolicy', id: '037eea7a',
    why: 'Accepts an open public path behind a deny-by-default firewall, which this rule flags on purpose ("restricted, but still a public path").',
  },
  {
    ruleId: 'GAI-RAI-001', scheme: 'azurePolicy', id: 'f3a9c2e0',
    why: 'Checks Profanity, Jailbreak and Indirect Attack Prompt filters (GAI-RAI-003 cites it), not the four harm categories.',
  },
  {
    ruleId: 'GAI-RAI-001', scheme: 'azurePolicy', id: 'af253d37',
    why: 'Checks Profanity and Protected Material Completion filters (GAI-RAI-003 cites it), not the four harm categories.',
  },
  {
    ruleId: 'GAI-RAI-004', scheme: 'azurePolicy', id: 'c1ad46c6',
    why: 'Allows only Default and Asynchronous_filter (both by default): it accepts asynchronous filtering, which this rule flags, and can never accept Blocking, the platform\'s mode.',
  },
  {
    ruleId: 'GAI-ST-005', scheme: 'checkov', id: 'CKV_AZURE_36',
    why: 'The opposite: it wants `bypass` to include "AzureServices" when the firewall denies, while the platform sets bypass None.',
  },
  {
    ruleId: 'GAI-ST-009', scheme: 'checkov', id: 'CKV_AZURE_206',
    why: 'The opposite: it wants geo-replication (GRS, RAGRS, GZRS, RAGZRS) and fails ZRS, while this rule wants zone redundancy and fails GRS.',
  },
  {
    ruleId: 'GAI-ST-009', scheme: 'psrule', id: 'Azure.Storage.UseReplication',
    why: 'The opposite at the stored version: GRS/RAGRS pass and Standard_ZRS fails (a newer doc also accepts ZRS; re-check the code before citing it again).',
  },
  {
    ruleId: 'GAI-ST-009', scheme: 'azurePolicy', id: 'bf045164',
    why: 'The opposite: it wants geo-redundant SKUs (GRS, RAGRS, GZRS, RAGZRS) and fails ZRS, while this rule wants zone redundancy and fails GRS.',
  },
];
