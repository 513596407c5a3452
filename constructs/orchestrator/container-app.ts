import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerApp as AzurermContainerApp } from '@cdktf/provider-azurerm/lib/container-app';
import { DiagnosticsOptions, ManagedIdentityOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { nameProblems } from '../../catalog/naming-rules';
import { isKnown, throwIfProblems } from '../validation';
import { CREDENTIAL_NAME_PATTERN, FLOATING_IMAGE_TAGS, MODEL_HOST_PATTERN } from '../../catalog/ai-services';
import { CONSUMPTION_WORKLOAD_PROFILE } from './environment';

/** An environment variable with a plain value, or read from one of the app's (Key Vault) secrets. */
export type ContainerEnvironmentVariable =
  | { readonly name: string; readonly value: string; readonly secretName?: undefined }
  | { readonly name: string; readonly secretName: string; readonly value?: undefined };

/** A secret of the app, read from Key Vault with the app's identity (never a literal value). */
export interface KeyVaultSecretReference {
  /** Secret name within the app (lowercase letters, digits, `-` and `.`), used by `secretName`. */
  readonly name: string;
  /**
   * `https://<vault>.vault.azure.net/secrets/<name>`: versionless, so the app picks up new versions
   * (within 30 minutes, or at the next revision). The identity needs "Key Vault Secrets User"
   * (`KeyVault.grantSecretsUser`).
   */
  readonly keyVaultSecretId: string;
}

export interface ContainerAppProps {
  /** App name (2-32 lowercase letters, digits and single hyphens, starting with a letter). */
  readonly name: string;
  readonly resourceGroupName: string;
  /** The environment (`ContainerAppsEnvironment.resourceId`). */
  readonly environmentResourceId: string;
  /** Workload profile the app runs on. @default 'Consumption' */
  readonly workloadProfileName?: string;
  /**
   * User-assigned identity the app runs as (a `ManagedIdentity`): image pulls, Key Vault references and
   * the app's own calls; its client id is given to the app as `AZURE_CLIENT_ID`, so
   * `DefaultAzureCredential` picks it.
   */
  readonly managedIdentity: ManagedIdentityOptions;
  /** Login server of the private registry (`ContainerRegistry.loginServer`); pulls use `managedIdentity`. */
  readonly registryLoginServer: string;
  /**
   * Repository in that registry, pinned by digest or by a version tag, without the registry host,
   * e.g. `orchestrator:1.4.2` or `genai/orchestrator@sha256:<digest>`; the login server is prefixed.
   */
  readonly image: string;
  /**
   * Base URL of the AI gateway, given as `GATEWAY_URL` and as `AZURE_OPENAI_ENDPOINT` (so SDKs that
   * read the standard variable call the gateway). Never a model endpoint: the app reaches models
   * only through the gateway.
   */
  readonly gatewayUrl: string;
  /**
   * A production app: at least 2 replicas (3 in a zone-redundant environment, see GAI-ACA-010).
   * @default false
   */
  readonly production?: boolean;
  /** vCPU per replica; on the Consumption profile 0.25-4 in steps of 0.25. @default 0.5 */
  readonly cpu?: number;
  /** Memory per replica, e.g. `1Gi`; on the Consumption profile twice the vCPU count. @default '1Gi' */
  readonly memory?: string;
  /** Port the container listens on; ingress and probes target it. @default 8080 */
  readonly targetPort?: number;
  /** HTTP path of the startup, readiness and liveness probes (200-399 is healthy). @default '/healthz' */
  readonly healthPath?: string;
  /** Replicas kept running, 0-300. @default 2 in production, 1 otherwise */
  readonly minReplicas?: number;
  /** Replicas the HTTP rule scales out to, 1-300 and at least `minReplicas`. @default 10 */
  readonly maxReplicas?: number;
  /** Concurrent HTTP requests per replica before scaling out. @default 50 */
  readonly concurrentRequests?: number;
  /** Secrets, as Key Vault references only. @default [] */
  readonly secrets?: readonly KeyVaultSecretReference[];
  /**
   * More environment variables; credentials must come from `secrets` through `secretName`.
   * `GATEWAY_URL`, `AZURE_OPENAI_ENDPOINT` and `AZURE_CLIENT_ID` are set by the construct.
   * @default []
   */
  readonly env?: readonly ContainerEnvironmentVariable[];
  /**
   * What must exist before the first revision starts: the registry's private endpoint with its DNS
   * records (`ContainerRegistry.privateEndpoint`, GAI-ACA-015), and the identity's AcrPull and Key Vault
   * Secrets User role assignments (`ContainerRegistry.grantPull`, `KeyVault.grantSecretsUser`), best
   * through an `RbacPropagationWait` on them so the first pull does not race RBAC propagation.
   * @default no ordering
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** Platform metrics of the app (its logs go through the environment). */
  readonly diagnostics: DiagnosticsOptions;
}

/** Host suffixes of model endpoints (the same as GAI-GEN-011's). */
/** Tags that move under a running app (as in GAI-ACA-013). */
/** `repository[:tag][@sha256:digest]`, repository in lowercase path components. */
const IMAGE = /^([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/;
const SECRET_NAME = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;
const KEY_VAULT_SECRET_ID = /^https:\/\/[^/]+\/secrets\/[^/]+(\/[^/]+)?\/?$/i;
/** Variable names that announce a credential (as in GAI-ACA-012): these must use `secretName`. */
const RESERVED_ENV = ['GATEWAY_URL', 'AZURE_OPENAI_ENDPOINT', 'AZURE_CLIENT_ID'];
const MAX_REPLICAS = 300;
const CONTAINER_NAME = 'app';

/**
 * The orchestrator (or any platform workload) as a container app: one active revision, internal
 * HTTPS-only ingress, a user-assigned identity for image pulls and Key Vault references (no registry
 * password, no literal secret), an image pinned by digest or version tag from the private registry,
 * startup/readiness/liveness probes, an HTTP-concurrency scale rule, and the AI gateway URL as its
 * only route to the models.
 */
export class ContainerApp extends Construct {
  readonly resourceId: string;
  readonly name: string;
  /** `<app>.<environment default domain>`, resolvable inside the VNet. */
  readonly fqdn: string;
  /** `https://<fqdn>`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ContainerAppProps) {
    super(scope, id);
    const production = props.production ?? false;
    const s: AppSettings = {
      name: props.name,
      image: props.image,
      gatewayUrl: props.gatewayUrl,
      production,
      workloadProfileName: props.workloadProfileName ?? CONSUMPTION_WORKLOAD_PROFILE,
      cpu: props.cpu ?? 0.5,
      memory: props.memory ?? '1Gi',
      targetPort: props.targetPort ?? 8080,
      healthPath: props.healthPath ?? '/healthz',
      minReplicas: props.minReplicas ?? (production ? 2 : 1),
      maxReplicas: props.maxReplicas ?? 10,
      concurrentRequests: props.concurrentRequests ?? 50,
      secrets: props.secrets ?? [],
      env: props.env ?? [],
    };
    const problems = validateApp(s);
    throwIfProblems(this.node.path, problems);

    const probe = { transport: 'HTTP', path: s.healthPath, port: s.targetPort, timeout: 3 };
    const app = new AzurermContainerApp(this, 'app', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      containerAppEnvironmentId: props.environmentResourceId,
      workloadProfileName: s.workloadProfileName,
      revisionMode: 'Single',
      identity: { type: 'UserAssigned', identityIds: [props.managedIdentity.resourceId] },
      registry: [{ server: props.registryLoginServer, identity: props.managedIdentity.resourceId }],
      secret: s.secrets.length > 0
        ? s.secrets.map((secret) => ({ name: secret.name, keyVaultSecretId: secret.keyVaultSecretId, identity: props.managedIdentity.resourceId }))
        : undefined,
      ingress: {
        externalEnabled: false,
        targetPort: s.targetPort,
        transport: 'auto',
        allowInsecureConnections: false,
        trafficWeight: [{ latestRevision: true, percentage: 100 }],
      },
      template: {
        minReplicas: s.minReplicas,
        maxReplicas: s.maxReplicas,
        container: [{
          name: CONTAINER_NAME,
          image: `${props.registryLoginServer}/${s.image}`,
          cpu: s.cpu,
          memory: s.memory,
          env: [
            { name: 'GATEWAY_URL', value: s.gatewayUrl },
            { name: 'AZURE_OPENAI_ENDPOINT', value: s.gatewayUrl },
            { name: 'AZURE_CLIENT_ID', value: props.managedIdentity.clientId },
            ...s.env.map((v) => (v.secretName !== undefined ? { name: v.name, secretName: v.secretName } : { name: v.name, value: v.value })),
          ],
          // Startup gives a cold replica up to 2 minutes before liveness takes over.
          startupProbe: [{ ...probe, intervalSeconds: 5, failureCountThreshold: 24 }],
          readinessProbe: [{ ...probe, intervalSeconds: 5, failureCountThreshold: 3 }],
          livenessProbe: [{ ...probe, intervalSeconds: 10, failureCountThreshold: 3 }],
        }],
        httpScaleRule: [{ name: 'http-concurrency', concurrentRequests: String(s.concurrentRequests) }],
      },
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
    });
    this.resourceId = app.id;
    this.name = app.name;
    this.fqdn = app.ingress.fqdn;
    this.url = `https://${app.ingress.fqdn}`;
    // Container apps emit platform metrics (replicas, restarts, requests); their logs belong to the environment.
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: app.id, logs: false });
  }
}

interface AppSettings {
  readonly name: string;
  readonly image: string;
  readonly gatewayUrl: string;
  readonly production: boolean;
  readonly workloadProfileName: string;
  readonly cpu: number;
  readonly memory: string;
  readonly targetPort: number;
  readonly healthPath: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly concurrentRequests: number;
  readonly secrets: readonly KeyVaultSecretReference[];
  readonly env: readonly ContainerEnvironmentVariable[];
}

/** Every problem with the app's settings; values that are tokens are judged by Azure at apply time. */
function validateApp(s: AppSettings): string[] {
  const problems: string[] = [];
  if (isKnown(s.name)) problems.push(...nameProblems('containerApp', s.name).map((p) => `name: ${p}`));
  problems.push(...imageProblems(s.image));
  problems.push(...gatewayUrlProblems(s.gatewayUrl));
  problems.push(...replicaProblems(s));
  if (isKnown(s.concurrentRequests) && (!Number.isInteger(s.concurrentRequests) || s.concurrentRequests < 1)) {
    problems.push(`concurrentRequests must be a whole number, at least 1, got ${s.concurrentRequests}`);
  }
  if (isKnown(s.targetPort) && (!Number.isInteger(s.targetPort) || s.targetPort < 1 || s.targetPort > 65535)) {
    problems.push(`targetPort must be a whole number from 1 to 65535, got ${s.targetPort}`);
  }
  if (isKnown(s.healthPath) && !/^\/[A-Za-z0-9._~/-]*$/.test(s.healthPath)) {
    problems.push(`healthPath must be an absolute path, e.g. /healthz, got '${s.healthPath}'`);
  }
  problems.push(...resourceProblems(s));
  problems.push(...secretAndEnvProblems(s.secrets, s.env));
  return problems;
}

function imageProblems(image: string): string[] {
  if (!isKnown(image)) return [];
  const match = IMAGE.exec(image);
  if (!match) {
    const first = image.split('/')[0];
    return image.includes('/') && /[.:]|^localhost$/.test(first)
      ? [`image must be a repository of the platform registry without its host (the login server is prefixed), e.g. orchestrator:1.4.2, got '${image}'`]
      : [`image must be <repository>:<tag> or <repository>@sha256:<digest> in lowercase, e.g. orchestrator:1.4.2, got '${image}'`];
  }
  const [, repository, tag, digest] = match;
  if (repository.includes('/') && repository.split('/')[0].includes('.')) {
    return [`image must be a repository of the platform registry without its host (the login server is prefixed), e.g. orchestrator:1.4.2, got '${image}'`];
  }
  if (digest) return [];
  if (tag === undefined) return [`image '${image}' has no tag or digest (implies latest); pin it with @sha256:<digest> or a version tag`];
  if (FLOATING_IMAGE_TAGS.includes(tag.toLowerCase())) return [`image '${image}' uses the moving tag '${tag}'; pin it with @sha256:<digest> or a version tag`];
  return [];
}

function gatewayUrlProblems(url: string): string[] {
  const problems: string[] = [];
  // A literal model host is visible even around tokens (`https://${name}.openai.azure.com`).
  if (MODEL_HOST_PATTERN.test(url)) {
    problems.push(`gatewayUrl '${url}' is a model endpoint; the app must reach models only through the AI gateway (GAI-GEN-011)`);
  } else if (isKnown(url) && !/^https:\/\/[^/\s]+/.test(url)) {
    problems.push(`gatewayUrl must be an https:// URL, got '${url}'`);
  }
  return problems;
}

function replicaProblems(s: AppSettings): string[] {
  const problems: string[] = [];
  const { minReplicas: min, maxReplicas: max } = s;
  const minOk = isKnown(min) && Number.isInteger(min) && min >= 0 && min <= MAX_REPLICAS;
  const maxOk = isKnown(max) && Number.isInteger(max) && max >= 1 && max <= MAX_REPLICAS;
  if (isKnown(min) && !minOk) problems.push(`minReplicas must be a whole number from 0 to ${MAX_REPLICAS}, got ${min}`);
  if (isKnown(max) && !maxOk) problems.push(`maxReplicas must be a whole number from 1 to ${MAX_REPLICAS}, got ${max}`);
  if (minOk && maxOk && max < min) problems.push(`maxReplicas (${max}) must be at least minReplicas (${min})`);
  if (minOk && s.production && min < 2) {
    problems.push(`minReplicas must be at least 2 in production (a restart or cold start would leave no replica serving), got ${min}`);
  }
  return problems;
}

function resourceProblems(s: AppSettings): string[] {
  const problems: string[] = [];
  const cpuOk = isKnown(s.cpu) && Number.isFinite(s.cpu) && s.cpu > 0;
  if (isKnown(s.cpu) && !cpuOk) problems.push(`cpu must be a positive number of vCPUs, got ${s.cpu}`);
  const memory = isKnown(s.memory) ? /^(\d+(?:\.\d+)?)Gi$/.exec(s.memory) : null;
  if (isKnown(s.memory) && !memory) problems.push(`memory must be like 1Gi or 0.5Gi, got '${s.memory}'`);
  if (s.workloadProfileName === CONSUMPTION_WORKLOAD_PROFILE && cpuOk) {
    if (s.cpu > 4 || !Number.isInteger(s.cpu * 4)) {
      problems.push(`cpu must be 0.25-4 in steps of 0.25 on the Consumption profile, got ${s.cpu}`);
    } else if (memory && Number(memory[1]) !== s.cpu * 2) {
      problems.push(`memory must be ${s.cpu * 2}Gi for ${s.cpu} vCPU on the Consumption profile (2 GiB per vCPU), got '${s.memory}'`);
    }
  }
  return problems;
}

function secretAndEnvProblems(secrets: readonly KeyVaultSecretReference[], env: readonly ContainerEnvironmentVariable[]): string[] {
  const problems: string[] = [];
  const secretNames = new Set<string>();
  secrets.forEach((secret, i) => {
    if (isKnown(secret.name)) {
      if (!SECRET_NAME.test(secret.name)) {
        problems.push(`secrets[${i}].name must be lowercase letters, digits, '-' or '.', starting and ending with a letter or digit, got '${secret.name}'`);
      } else if (secretNames.has(secret.name)) {
        problems.push(`secrets[${i}].name '${secret.name}' is used more than once`);
      }
      secretNames.add(secret.name);
    }
    if (isKnown(secret.keyVaultSecretId) && !KEY_VAULT_SECRET_ID.test(secret.keyVaultSecretId)) {
      problems.push(`secrets[${i}].keyVaultSecretId must be a Key Vault secret id (https://<vault>.vault.azure.net/secrets/<name>), got '${secret.keyVaultSecretId}'`);
    }
  });
  const envNames = new Set<string>();
  env.forEach((variable, i) => {
    const where = `env[${i}]`;
    if (isKnown(variable.name)) {
      if (!/^[^=\s]+$/.test(variable.name)) problems.push(`${where}.name must be non-empty, without '=' or spaces, got '${variable.name}'`);
      else if (RESERVED_ENV.includes(variable.name.toUpperCase())) problems.push(`${where}.name '${variable.name}' is set by the construct (from gatewayUrl and identity)`);
      else if (envNames.has(variable.name)) problems.push(`${where}.name '${variable.name}' is used more than once`);
      envNames.add(variable.name);
    }
    const hasValue = variable.value !== undefined;
    const hasSecret = variable.secretName !== undefined;
    if (hasValue === hasSecret) {
      problems.push(`${where} (${variable.name}) must have either value or secretName`);
      return;
    }
    if (hasSecret) {
      if (isKnown(variable.secretName) && !secretNames.has(variable.secretName!)) {
        problems.push(`${where} (${variable.name}) refers to secret '${variable.secretName}', which is not in secrets`);
      }
      return;
    }
    const value = variable.value!;
    if (MODEL_HOST_PATTERN.test(value)) {
      problems.push(`${where} (${variable.name}) is a model endpoint; the app must reach models only through the AI gateway (GAI-GEN-011)`);
    } else if (isKnown(variable.name) && CREDENTIAL_NAME_PATTERN.test(variable.name)) {
      problems.push(`${where} (${variable.name}) looks like a credential; declare it in secrets (a Key Vault reference) and use secretName`);
    }
  });
  return problems;
}
