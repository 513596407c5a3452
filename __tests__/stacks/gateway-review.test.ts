/**
 * The policy engine's GenAI rules on the shipped prod stack: it passes them, and each rule fires on the
 * broken variant it exists to catch (the synthesized JSON mutated before it is parsed as a plan).
 */
import { Finding, review } from '../../policy/engine';
import { ResourceGraph } from '../../policy/graph';
import { parsePlan } from '../../policy/plan';
import { Outcome } from '../../policy/rule';
import { allRules } from '../../policy/rules';
import { resourcesByKey } from '../helpers';
import { synthEnvironment } from './synth';

type Doc = Record<string, any>;

let shipped: Doc;
beforeAll(() => {
  shipped = synthEnvironment('prod').json;
});

/** A deep copy of the shipped prod stack with `mutate` applied. */
function variant(mutate: (doc: Doc) => void): Doc {
  const doc = structuredClone(shipped);
  mutate(doc);
  return doc;
}

/** Unsuppressed failures of `ruleId` when `doc` is reviewed as production. */
function failures(doc: Doc, ruleId: string): Finding[] {
  return review([parsePlan(doc, 'prod')], { production: true }).findings.filter((f) => f.ruleId === ruleId && f.status === 'fail' && !f.suppressed);
}

/** The single resource of `type` in `doc`, with its Terraform address. */
function only(doc: Doc, type: string): { address: string; values: Doc } {
  const entries = Object.entries(resourcesByKey(doc, type));
  expect(entries).toHaveLength(1);
  return { address: `${type}.${entries[0][0]}`, values: entries[0][1] };
}

/** Replaces every match of `pattern` in the resource's `xml_content`; fails when nothing matched. */
function editXml(resource: Doc, pattern: RegExp): void {
  const before: string = resource.xml_content;
  resource.xml_content = before.replace(pattern, '');
  expect(resource.xml_content).not.toBe(before);
}

/** Addresses of the failures, deduplicated. */
const addressesOf = (findings: readonly Finding[]) => [...new Set(findings.map((f) => f.address))];

const GEN_001_TO_011 = Array.from({ length: 11 }, (_, i) => `GAI-GEN-${String(i + 1).padStart(3, '0')}`);

describe('prod as shipped', () => {
  test('GAI-GEN-001..011 find nothing non-compliant', () => {
    const findings = review([parsePlan(shipped, 'prod')], { production: true }).findings
      .filter((f) => GEN_001_TO_011.includes(f.ruleId) && f.status === 'fail');
    expect(findings.map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
  });

  test.each([
    ['GAI-GEN-001', 'azurerm_api_management_api'],
    ['GAI-GEN-002', 'azurerm_api_management_api'],
    ['GAI-GEN-003', 'azurerm_api_management_api'],
    ['GAI-GEN-004', 'azurerm_api_management_api'],
    ['GAI-GEN-005', 'azurerm_api_management_api'],
    ['GAI-GEN-008', 'azurerm_api_management_api'],
    ['GAI-GEN-010', 'azurerm_api_management_api'],
    ['GAI-GEN-009', 'azurerm_api_management_diagnostic'],
    ['GAI-GEN-011', 'azurerm_container_app'],
  ])('%s judges the %s compliant (not merely not applicable)', (ruleId, type) => {
    const graph = new ResourceGraph(parsePlan(shipped, 'prod'));
    const rule = allRules().find((r) => r.id === ruleId)!;
    const [resource] = graph.ofType(type);
    const result = rule.check(resource, { graph, production: true });
    expect((Array.isArray(result) ? result : [result]) as Outcome[]).toEqual([{ status: 'compliant' }]);
  });

  test('GAI-GEN-006 and GAI-GEN-007 judge the PTU deployment compliant', () => {
    const graph = new ResourceGraph(parsePlan(shipped, 'prod'));
    const ptu = graph.ofType('azurerm_cognitive_deployment').find((d) => d.values.name === 'gpt-4.1-ptu' && d.address.includes('model-account-primary_'))!;
    for (const id of ['GAI-GEN-006', 'GAI-GEN-007']) {
      expect({ id, outcome: allRules().find((r) => r.id === id)!.check(ptu, { graph, production: true }) }).toEqual({ id, outcome: { status: 'compliant' } });
    }
  });
});

describe('broken variants of prod', () => {
  test('GAI-GEN-001: product policies without llm-token-limit leave the model API unlimited', () => {
    const doc = variant((d) => {
      const policies = Object.values(resourcesByKey(d, 'azurerm_api_management_product_policy'));
      expect(policies).toHaveLength(3);
      for (const policy of policies) editXml(policy, /\s*<llm-token-limit\b[\s\S]*?\/>/g);
    });
    const found = failures(doc, 'GAI-GEN-001');
    expect(addressesOf(found)).toEqual([only(doc, 'azurerm_api_management_api').address]);
    expect(found.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(/has no <llm-token-limit> or <azure-openai-token-limit>/)]));
    expect(found.map((f) => f.status)).toEqual(found.map(() => 'fail'));
    expect(found).toHaveLength(3);
  });

  test('GAI-GEN-001: one team without its limit is enough', () => {
    const doc = variant((d) => {
      const policy = Object.values(resourcesByKey(d, 'azurerm_api_management_product_policy')).find((p) => String(p.product_id).includes('contract-analytics'))!;
      editXml(policy, /\s*<llm-token-limit\b[\s\S]*?\/>/g);
    });
    const found = failures(doc, 'GAI-GEN-001');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/\(through azurerm_api_management_product\.gateway_product-contract-analytics_[0-9A-F]+\)/);
  });

  test('GAI-GEN-003: an API policy without authentication-managed-identity', () => {
    const doc = variant((d) => editXml(only(d, 'azurerm_api_management_api_policy').values, /\s*<authentication-managed-identity\b[^>]*\/>/));
    const found = failures(doc, 'GAI-GEN-003');
    expect(addressesOf(found)).toEqual([only(doc, 'azurerm_api_management_api').address]);
    expect(found.every((f) => f.status === 'fail' && /has no <authentication-managed-identity resource="https:\/\/cognitiveservices\.azure\.com" \/>/.test(f.message))).toBe(true);
  });

  test('GAI-GEN-003: a model key sent instead', () => {
    const doc = variant((d) => {
      const policy = only(d, 'azurerm_api_management_api_policy').values;
      policy.xml_content = String(policy.xml_content).replace('<set-header name="api-key" exists-action="delete" />', '<set-header name="api-key" exists-action="override"><value>0123456789abcdef</value></set-header>');
    });
    expect(failures(doc, 'GAI-GEN-003').map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(/<set-header name="api-key"> in <inbound>.* sends a static model key/)]));
  });

  test('GAI-GEN-010: a semantic cache lookup that no longer varies by subscription', () => {
    const doc = variant((d) => editXml(only(d, 'azurerm_api_management_api_policy').values, /\s*<vary-by>@\(context\.Subscription\.Id\)<\/vary-by>/));
    const found = failures(doc, 'GAI-GEN-010');
    expect(addressesOf(found)).toEqual([only(doc, 'azurerm_api_management_api').address]);
    expect(found[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/<azure-openai-semantic-cache-lookup>.* varies only by .*requestedDeployment.*; expected <vary-by>@\(context\.Subscription\.Id\)<\/vary-by>/) });
  });

  test('GAI-GEN-010: a semantic cache lookup without any vary-by', () => {
    const doc = variant((d) => editXml(only(d, 'azurerm_api_management_api_policy').values, /\s*<vary-by>[\s\S]*?<\/vary-by>/g));
    const found = failures(doc, 'GAI-GEN-010');
    expect(addressesOf(found)).toEqual([only(doc, 'azurerm_api_management_api').address]);
    expect(found[0].message).toMatch(/<azure-openai-semantic-cache-lookup>.* has no <vary-by>/);
  });

  test('GAI-GEN-011: the orchestrator given a model endpoint instead of the gateway', () => {
    const doc = variant((d) => {
      const app = only(d, 'azurerm_container_app').values;
      const variable = app.template.container[0].env.find((e: Doc) => e.name === 'AZURE_OPENAI_ENDPOINT');
      variable.value = 'https://ais-x.openai.azure.com/';
    });
    const found = failures(doc, 'GAI-GEN-011');
    expect(found.map((f) => [f.status, f.address])).toEqual([['fail', only(doc, 'azurerm_container_app').address]]);
    expect(found[0].message).toBe('`template.container.env` AZURE_OPENAI_ENDPOINT is a model endpoint (https://ais-x.openai.azure.com/); expected the gateway URL');
  });

  test('GAI-GEN-011: a reference to a model account endpoint is caught too', () => {
    const doc = variant((d) => {
      const app = only(d, 'azurerm_container_app').values;
      const account = Object.keys(resourcesByKey(d, 'azurerm_cognitive_account')).find((k) => k.startsWith('model-account-primary'))!;
      app.template.container[0].env.push({ name: 'MODEL_URL', value: `\${azurerm_cognitive_account.${account}.endpoint}` });
    });
    expect(failures(doc, 'GAI-GEN-011').map((f) => f.message)).toEqual([expect.stringMatching(/^`template\.container\.env` MODEL_URL is a model endpoint/)]);
  });

  describe('GAI-GEN-006: the PTU deployment and its pay-as-you-go fallback', () => {
    const ptuAddress = (doc: Doc) => `azurerm_cognitive_deployment.${Object.entries(resourcesByKey(doc, 'azurerm_cognitive_deployment')).find(([k, d]) => k.startsWith('model-account-primary_') && d.name === 'gpt-4.1-ptu')![0]}`;
    /** Removes the primary account's pay-as-you-go gpt-4.1 (the spillover twin). */
    const removeTwin = (d: Doc) => {
      const deployments = resourcesByKey(d, 'azurerm_cognitive_deployment');
      const twins = Object.keys(deployments).filter((k) => k.startsWith('model-account-primary_') && deployments[k].name === 'gpt-4.1');
      expect(twins).toHaveLength(1);
      delete deployments[twins[0]];
    };
    /** Removes the azapi update that sets the PTU deployment's spilloverDeploymentName. */
    const removeSpilloverUpdate = (d: Doc) => {
      const updates = resourcesByKey(d, 'azapi_update_resource');
      const spill = Object.keys(updates).filter((k) => updates[k].body?.properties?.spilloverDeploymentName !== undefined);
      expect(spill).toHaveLength(1);
      delete updates[spill[0]];
    };

    test('fails without the twin and without the spillover update', () => {
      const doc = variant((d) => { removeTwin(d); removeSpilloverUpdate(d); });
      const found = failures(doc, 'GAI-GEN-006');
      expect(found.map((f) => [f.status, f.address])).toEqual([['fail', ptuAddress(doc)]]);
      // The failover account's gpt-4.1 does not count: spillover stays within one account.
      expect(found[0].message).toMatch(/^no pay-as-you-go deployment of "gpt-4\.1" on the same account \(azurerm_cognitive_deployment\.model-account-failover_deployment-gpt-41-ptu_[0-9A-F]+, azurerm_cognitive_deployment\.model-account-failover_deployment-gpt-41_[0-9A-F]+ is on another account, which spillover cannot reach\) and no spilloverDeploymentName/);
    });

    test('the twin without the spillover update fails: only spilloverDeploymentName sends overflow to it (the gateway sets no spillover header)', () => {
      const doc = variant(removeSpilloverUpdate);
      const found = failures(doc, 'GAI-GEN-006');
      expect(found.map((f) => [f.status, f.address])).toEqual([['fail', ptuAddress(doc)]]);
      expect(found[0].message).toMatch(/^no spilloverDeploymentName: azurerm_cognitive_deployment\.model-account-primary_deployment-gpt-41_[0-9A-F]+, the pay-as-you-go "gpt-4\.1" on the same account, takes none of the overflow/);
    });

    test('the spillover update passes GAI-GEN-006 on its own; GAI-DEP-007 judges its target', () => {
      const doc = variant(removeTwin);
      expect(failures(doc, 'GAI-GEN-006')).toEqual([]);
      expect(failures(doc, 'GAI-DEP-007').map((f) => f.message)).toEqual([expect.stringMatching(/^spilloverDeploymentName "gpt-4\.1" of azurerm_cognitive_deployment\.model-account-primary_deployment-gpt-41-ptu_[0-9A-F]+ names no deployment of the same account/)]);
    });
  });

  test('GAI-GEN-002: an API policy without llm-emit-token-metric', () => {
    const doc = variant((d) => editXml(only(d, 'azurerm_api_management_api_policy').values, /\s*<llm-emit-token-metric\b[\s\S]*?<\/llm-emit-token-metric>/));
    const found = failures(doc, 'GAI-GEN-002');
    expect(addressesOf(found)).toEqual([only(doc, 'azurerm_api_management_api').address]);
    expect(found).toHaveLength(3);
    expect(found.every((f) => f.status === 'fail' && /has no <llm-emit-token-metric> or <azure-openai-emit-token-metric>/.test(f.message))).toBe(true);
  });

  test('GAI-GEN-002: a token metric without dimensions', () => {
    const doc = variant((d) => editXml(only(d, 'azurerm_api_management_api_policy').values, /\s*<dimension\b[\s\S]*?\/>/g));
    expect(failures(doc, 'GAI-GEN-002').map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(/<llm-emit-token-metric>.* has no <dimension>/)]));
  });

  test('each variant breaks only its own rule among GAI-GEN-001..011', () => {
    const doc = variant((d) => editXml(only(d, 'azurerm_api_management_api_policy').values, /\s*<authentication-managed-identity\b[^>]*\/>/));
    const ids = review([parsePlan(doc, 'prod')], { production: true }).findings
      .filter((f) => GEN_001_TO_011.includes(f.ruleId) && f.status === 'fail').map((f) => f.ruleId);
    expect([...new Set(ids)]).toEqual(['GAI-GEN-003']);
  });
});
