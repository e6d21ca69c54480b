import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import type { UpstreamClient } from '../http/upstream-client.js';
import type { AdobeAccount, AdobeTarget } from '../config/adobe-account.js';
import { CatalogClient } from './catalog-client.js';
import { DataPrepClient } from './data-prep-client.js';
import { FlowHealthClient } from './flow-health-client.js';
import { FlowServiceClient } from './flow-service-client.js';
import { FlowServiceDataflows } from './flow-service-dataflows.js';
import { SchemaRegistryClient } from './schema-registry-client.js';
import { ImsTokenProvider, ownAccount } from './ims-token-provider.js';

/** What completion needs to reach one target: an IMS token source and a Flow Service client. */
export interface AdobeClients {
  readonly ims: ImsTokenProvider;
  readonly flowService: FlowServiceClient;
  /** The four APIs the dataflow steps use. */
  readonly dataflow: DataflowClients;
  /** The reads of the health watch (flows' last runs, run errors, the connection test). */
  readonly flowHealth: FlowHealthClient;
}

export interface DataflowClients {
  readonly schemaRegistry: SchemaRegistryClient;
  readonly catalog: CatalogClient;
  readonly dataPrep: DataPrepClient;
  readonly flows: FlowServiceDataflows;
}

export interface AdobeResolver {
  forTarget(target: AdobeTarget): AdobeClients;
}

/**
 * The Adobe accounts this deployment may write to, by IMS org: the deployment's own and any a partner
 * brings. Each org has exactly one IMS token provider, so its token is cached and shared by every flow
 * to that org ("cache and reuse until it expires", docs/reference/adobe-flow-service.md §4.2).
 */
export class AdobeDirectory implements AdobeResolver {
  readonly #http: UpstreamClient;
  readonly #config: Config;
  readonly #accounts = new Map<string, AdobeAccount>();
  readonly #ims = new Map<string, ImsTokenProvider>();
  readonly #clients = new Map<string, AdobeClients>();

  constructor(http: UpstreamClient, config: Config, accounts: readonly AdobeAccount[] = []) {
    this.#http = http;
    this.#config = config;
    for (const account of [ownAccount(config), ...accounts]) this.#accounts.set(account.imsOrg, account);
  }

  /** The deployment's own target (its org and configured sandbox). */
  get defaultTarget(): AdobeTarget {
    return { org: this.#config.adobe.imsOrg, sandbox: this.#config.adobe.sandboxName };
  }

  forTarget(target: AdobeTarget): AdobeClients {
    const key = `${target.org}\n${target.sandbox}`;
    let clients = this.#clients.get(key);
    if (!clients) {
      const account = this.#accounts.get(target.org);
      if (!account) throw new AppError('INTERNAL', `no Adobe credential is configured for org ${target.org}`);
      const { adobe } = this.#config;
      const api = <T>(Client: new (...args: ConstructorParameters<typeof CatalogClient>) => T, baseUrl: string) =>
        new Client(this.#http, account, target.sandbox, baseUrl);
      clients = {
        ims: this.imsFor(account),
        flowService: new FlowServiceClient(this.#http, this.#config, account, target.sandbox),
        dataflow: {
          schemaRegistry: api(SchemaRegistryClient, adobe.schemaRegistryBaseUrl),
          catalog: api(CatalogClient, adobe.catalogBaseUrl),
          dataPrep: api(DataPrepClient, adobe.dataPrepBaseUrl),
          flows: api(FlowServiceDataflows, adobe.flowServiceBaseUrl),
        },
        flowHealth: api(FlowHealthClient, adobe.flowServiceBaseUrl),
      };
      this.#clients.set(key, clients);
    }
    return clients;
  }

  /** The one token provider of an org. */
  imsFor(account: AdobeAccount): ImsTokenProvider {
    let ims = this.#ims.get(account.imsOrg);
    if (!ims) {
      ims = new ImsTokenProvider(this.#http, this.#config, account);
      this.#ims.set(account.imsOrg, ims);
    }
    return ims;
  }
}
