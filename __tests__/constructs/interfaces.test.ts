import * as fs from 'fs';
import * as path from 'path';
import { TerraformVariable } from 'cdktf';
import { AiGatewayProps } from '../../constructs/ai-gateway';
import { ModelAccountProps } from '../../constructs/ai-models';
import { SemanticCacheProps } from '../../constructs/cache';
import { CustomerManagedKeyOptions, ManagedIdentityOptions, PrivateEndpointOptions } from '../../constructs/interfaces';
import { KeyVaultProps } from '../../constructs/key-vault';
import { ContainerAppProps, ContainerRegistryProps } from '../../constructs/orchestrator';
import { SearchServiceProps } from '../../constructs/search';
import { DocumentStorageProps } from '../../constructs/storage';
import { ConstructValidationError, isKnown, isToken, throwIfProblems } from '../../constructs/validation';
import { testStack } from '../helpers';

/** `true` only when A and B are the same type (both directions assignable, no `any`). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

describe('constructs/interfaces.ts: one shape per cross-cutting option', () => {
  test('every construct takes the same privateEndpoint, customerManagedKey and managedIdentity types', () => {
    // Compile-time checks: a construct with its own shape again fails `npm run typecheck`.
    const privateEndpoint: [
      Same<ModelAccountProps['privateEndpoint'], PrivateEndpointOptions>,
      Same<KeyVaultProps['privateEndpoint'], PrivateEndpointOptions>,
      Same<DocumentStorageProps['privateEndpoint'], PrivateEndpointOptions>,
      Same<SemanticCacheProps['privateEndpoint'], PrivateEndpointOptions>,
      Same<SearchServiceProps['privateEndpoint'], PrivateEndpointOptions>,
      Same<ContainerRegistryProps['privateEndpoint'], PrivateEndpointOptions>,
    ] = [true, true, true, true, true, true];
    const customerManagedKey: [
      Same<ModelAccountProps['customerManagedKey'], CustomerManagedKeyOptions>,
      Same<DocumentStorageProps['customerManagedKey'], CustomerManagedKeyOptions>,
      Same<NonNullable<SemanticCacheProps['customerManagedKey']>, CustomerManagedKeyOptions>,
      Same<NonNullable<ContainerRegistryProps['customerManagedKey']>, CustomerManagedKeyOptions>,
    ] = [true, true, true, true];
    const managedIdentity: [
      Same<AiGatewayProps['managedIdentity'], ManagedIdentityOptions>,
      Same<ContainerAppProps['managedIdentity'], ManagedIdentityOptions>,
      Same<NonNullable<SearchServiceProps['managedIdentity']>, ManagedIdentityOptions>,
    ] = [true, true, true];
    expect([...privateEndpoint, ...customerManagedKey, ...managedIdentity].every(Boolean)).toBe(true);
  });

  test('no construct repeats the shapes or keeps a private grant helper', () => {
    const root = path.resolve(__dirname, '../../constructs');
    const files = fs.readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    const text = files.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
    expect(text).not.toMatch(/PrivateEndpointOptions\s*&/);
    expect(text).not.toMatch(/keyAccessGrant/);
    expect(text).not.toMatch(/private grant\(/);
    expect(text).not.toMatch(/identity: (IGrantee & )?\{ readonly resourceId/);
  });
});

describe('constructs/validation.ts', () => {
  test('isToken: cdktf tokens and Terraform interpolations are unknown at synth; literals are known', () => {
    const stack = testStack();
    const variable = new TerraformVariable(stack, 'v', { type: 'string' });
    expect(isToken(variable.stringValue)).toBe(true);
    expect(isToken(variable.numberValue)).toBe(true);
    expect(isToken('${var.v}')).toBe(true);
    expect(isToken('literal')).toBe(false);
    expect(isToken(30)).toBe(false);
    expect(isKnown(variable.stringValue)).toBe(false);
    expect(isKnown('literal')).toBe(true);
  });

  test('throwIfProblems throws one ConstructValidationError with the path and every problem', () => {
    expect(() => throwIfProblems('stack/thing', [])).not.toThrow();
    let error: unknown;
    try {
      throwIfProblems('stack/thing', ['a is wrong', 'b is wrong']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstructValidationError);
    expect(error).toBeInstanceOf(Error);
    expect((error as ConstructValidationError).message).toBe('stack/thing: a is wrong; b is wrong');
    expect((error as ConstructValidationError).problems).toEqual(['a is wrong', 'b is wrong']);
    expect((error as ConstructValidationError).describe()).toBe("Invalid construct 'stack/thing' (2 problems):\n  - a is wrong\n  - b is wrong");
  });
});
