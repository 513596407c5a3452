/** The gateway's rendered policy documents, one per scope (global, the model API, each team's product). */
export interface GatewayPolicyDocuments {
  readonly global: string;
  readonly modelApi: string;
  /** Product policy XML by team name. */
  readonly products: Readonly<Record<string, string>>;
}
