/**
 * Facts about Azure AI services the constructs, the environment schema and the review all use: one
 * definition each.
 */

/**
 * A model deployment's name: 2-64 letters, digits, '.', '_' or '-', starting with a letter or digit
 * (Microsoft.CognitiveServices/accounts/deployments; also used inside the gateway's policy expressions).
 */
export const DEPLOYMENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

/** Host names of Azure OpenAI / AI Services model endpoints (openai, cognitiveservices and services.ai). */
export const MODEL_HOST_PATTERN = /\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)(?:[/:]|$)/i;

/** Periods of `llm-token-limit`'s `token-quota-period` (API Management policy reference). */
export type TokenQuotaPeriod = 'Hourly' | 'Daily' | 'Weekly' | 'Monthly' | 'Yearly';
export const TOKEN_QUOTA_PERIODS: readonly TokenQuotaPeriod[] = ['Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'];

/** Image tags that move (a new push changes what they name): an image must be pinned by digest or version instead. */
export const FLOATING_IMAGE_TAGS: readonly string[] = ['latest', 'stable', 'main', 'master', 'dev', 'develop', 'edge', 'nightly', 'lts', 'current', 'preview'];

/**
 * Environment variable names that carry a credential (an API key, secret, token, password, connection
 * string, SAS): such a value must come from a Key Vault secret reference, never a literal.
 */
export const CREDENTIAL_NAME_PATTERN = /(^|[_.-])(API_?KEY|ACCESS_?KEY|ACCOUNT_?KEY|PRIMARY_?KEY|SECONDARY_?KEY|SUBSCRIPTION_?KEY|MASTER_?KEY|SHARED_?KEY|PRIVATE_?KEY|KEY|SECRET|CLIENT_?SECRET|TOKEN|PASSWORD|PASSWD|PWD|CONNECTION_?STRING|CONN_?STR|CREDENTIALS?|SAS)$/i;
