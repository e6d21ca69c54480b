import type { AdobeAccount } from '../config/adobe-account.js';
import type { Config } from '../config/config.js';
import { deepFreeze } from '../config/config.js';
import { en } from '../i18n/messages-en.js';
import { withOverrides } from '../config/load-config.js';
import type { CatalogSimulator } from './adobe/catalog/index.js';
import type { DataPrepSimulator } from './adobe/data-prep/index.js';
import type { FlowServiceSimOptions, FlowServiceSimulator } from './adobe/flow-service/index.js';
import type { ImsSimulator } from './adobe/ims/index.js';
import { startAdobeSimulators } from './adobe/index.js';
import type { SchemaRegistrySimulator } from './adobe/schema-registry/index.js';
import { startDemoPartner, type DemoPartner } from './demo-partner/index.js';
import { hubspotGrantHooks } from './hubspot-grant-hooks.js';
import { DEMO_ORG, DEMO_PORTAL, demoCredentials } from './demo-identities.js';
import { startHubSpotSimulator, type HubSpotSimulator } from './hubspot/index.js';

export interface DemoServices {
  config: Config;
  hubspot: HubSpotSimulator;
  ims: ImsSimulator;
  flowService: FlowServiceSimulator;
  schemaRegistry: SchemaRegistrySimulator;
  catalog: CatalogSimulator;
  dataPrep: DataPrepSimulator;
  /** The demo partner portal, when started. */
  demoPartner?: { url: string; apiKey: string; returnUrl: string; webhookSecret: string };
  banner: string[];
  close(): Promise<void>;
}

/** The demo partner's own simulated sandbox. */
export const DEMO_PARTNER_SANDBOX = 'demo-partner';

/**
 * Demo mode: starts the HubSpot, IMS and Platform (Flow Service, Schema Registry, Catalog, Data Prep) simulators on their own loopback ports with
 * fresh credentials, and returns the config pointed at them. Only the entry point and tests call this;
 * the app itself never imports the simulators.
 */
export async function startDemo(
  config: Config,
  options: {
    portal?: Partial<typeof DEMO_PORTAL> & { withheldScopes?: string[] };
    denyMode?: 'redirect' | 'none';
    /** More Adobe orgs the IMS simulator knows (partners that bring their own AEP org). */
    extraAdobeAccounts?: readonly AdobeAccount[];
    /** Sandboxes besides the configured one (every org has them). */
    extraSandboxes?: readonly string[];
    /** Start the demo partner portal and register it as a partner (the entry point does; tests need not). */
    demoPartner?: boolean;
    /** Dataflow runs: how soon a published flow's first run ends (default 3 s), how runs end (default success) and what `/test` answers. */
    runs?: Pick<FlowServiceSimOptions, 'firstRunDelayMs' | 'runOutcome' | 'connectionTest'>;
    /** Tests only: explore's Contacts gains an email column (Adobe's page shows none), so Profile mode can go through. */
    contactsEmailColumn?: boolean;
  } = {},
): Promise<DemoServices> {
  const creds = demoCredentials();
  const hubspot = await startHubSpotSimulator({
    apps: [
      {
        // The name the service's operator would give the app in HubSpot: the one its pages use.
        name: en['app.brand'],
        ...creds.hubspot,
        redirectUris: [config.hubspot.redirectUri],
        requiredScopes: [...config.hubspot.scopes],
        optionalScopes: [...config.hubspot.optionalScopes],
      },
    ],
    portal: { ...DEMO_PORTAL, ...options.portal },
    ...(options.denyMode ? { denyMode: options.denyMode } : {}),
  });
  // The demo partner works in a sandbox of its own, as a partner's customers' data would be kept apart from the
  // deployment's own: a portal connected on the home page and again through the partner portal then makes two
  // connections, instead of the second being refused as another owner's (one owner per org, sandbox and portal).
  const partnerSandbox = options.demoPartner ? [DEMO_PARTNER_SANDBOX] : [];
  const sandboxes = [config.adobe.sandboxName, ...partnerSandbox, ...(options.extraSandboxes ?? [])];
  const adobe = await startAdobeSimulators({
    ims: {
      credentials: [
        { ...creds.adobe, orgId: DEMO_ORG, scopes: [...config.adobe.scopes] },
        ...(options.extraAdobeAccounts ?? []).map((a) => ({
          clientId: a.clientId,
          clientSecret: a.clientSecret,
          orgId: a.imsOrg,
          scopes: [...config.adobe.scopes],
        })),
      ],
    },
    sandboxes,
    flowService: {
      ...hubspotGrantHooks(hubspot, config.hubspot.scopes),
      ...options.runs,
      ...(options.contactsEmailColumn ? { contactsEmailColumn: true } : {}),
    },
  });
  const { ims, flowService, schemaRegistry, catalog, dataPrep } = adobe;
  const demo: DemoPartner | undefined = options.demoPartner
    ? await startDemoPartner(config.publicBaseUrl, DEMO_PARTNER_SANDBOX, { revokeGrant: () => hubspot.uninstallApp() })
    : undefined;
  const overridden = withOverrides(config, {
    hubspot: { ...creds.hubspot, authorizeUrl: hubspot.authorizeUrl, apiBaseUrl: hubspot.apiBaseUrl },
    adobe: {
      ...creds.adobe,
      imsOrg: DEMO_ORG,
      imsTokenUrl: ims.tokenUrl,
      flowServiceBaseUrl: flowService.baseUrl,
      schemaRegistryBaseUrl: schemaRegistry.baseUrl,
      catalogBaseUrl: catalog.baseUrl,
      dataPrepBaseUrl: dataPrep.baseUrl,
    },
  });
  const demoConfig = demo ? deepFreeze({ ...overridden, partners: [...overridden.partners, demo.partner] }) : overridden;
  return {
    config: demoConfig,
    ...(demo ? { demoPartner: { url: demo.url, apiKey: demo.apiKey, returnUrl: demo.returnUrl, webhookSecret: demo.webhookSecret } } : {}),
    hubspot,
    ims,
    flowService,
    schemaRegistry,
    catalog,
    dataPrep,
    banner: [
      '┌─ DEMO MODE ─ simulated HubSpot and Adobe; no credentials are configured ─────',
      `│ HubSpot simulator       ${hubspot.url}  (portal ${DEMO_PORTAL.domain})`,
      `│ Adobe IMS simulator     ${ims.url}`,
      `│ Flow Service simulator  ${flowService.baseUrl}`,
      `│ Schema Registry, Catalog, Data Prep simulators on ${schemaRegistry.url}, ${catalog.url}, ${dataPrep.url}`,
      `│ Open ${config.publicBaseUrl} and click "Connect HubSpot".`,
      ...(demo ? demoPartnerLines(config.publicBaseUrl, demo) : []),
      '│ Nothing reaches a real HubSpot portal or Adobe organization. For live use set all of',
      '│ HUBSPOT_CLIENT_ID/SECRET and ADOBE_CLIENT_ID/SECRET/IMS_ORG (see .env.example).',
      '└──────────────────────────────────────────────────────────────────────────────',
      ...(demo ? curlVariables(config.publicBaseUrl, demo) : []),
    ],
    close: async () => {
      await Promise.all([hubspot.close(), adobe.close(), demo?.close()]);
    },
  };
}

/** The demo partner's facts, labelled as the README names them, so its curl examples can be followed. */
function demoPartnerLines(baseUrl: string, demo: DemoPartner): string[] {
  return [
    `│ Demo partner portal     ${demo.url}  (redirect, popup, iframe; lists the webhooks it received)`,
    `│ Demo partner API key    ${demo.apiKey}`,
    `│ Registered return URL   ${demo.returnUrl}`,
    `│ Webhook secret          ${demo.webhookSecret}  (webhooks go to ${demo.url}/webhooks)`,
    `│ OpenAPI document        ${baseUrl}/api/v1/openapi.json`,
  ];
}

/** Ready-to-paste lines (outside the box) for the variables the README's curl examples use. */
function curlVariables(baseUrl: string, demo: DemoPartner): string[] {
  return ["For the README's curl examples, paste:", `export BASE=${baseUrl} API_KEY=${demo.apiKey} RETURN_URL=${demo.returnUrl}`];
}
