import { startCatalogSimulator, type CatalogSimOptions, type CatalogSimulator } from './catalog/index.js';
import { startDataPrepSimulator, type DataPrepSimOptions, type DataPrepSimulator } from './data-prep/index.js';
import { startFlowServiceSimulator, type FlowServiceSimOptions, type FlowServiceSimulator } from './flow-service/index.js';
import { startImsSimulator, type ImsSimOptions, type ImsSimulator } from './ims/index.js';
import type { PlatformPeers } from './platform/peers.js';
import { startSchemaRegistrySimulator, type SchemaRegistrySimOptions, type SchemaRegistrySimulator } from './schema-registry/index.js';

export interface AdobeSimulators {
  ims: ImsSimulator;
  flowService: FlowServiceSimulator;
  schemaRegistry: SchemaRegistrySimulator;
  catalog: CatalogSimulator;
  dataPrep: DataPrepSimulator;
  close(): Promise<void>;
}

type Shared = 'ims' | 'peers' | 'sandboxes';

/**
 * Starts IMS and the four Platform APIs a dataflow uses, all trusting the tokens this IMS issues and knowing each
 * other's ids (a dataset's schema, a target's dataset, a flow's mapping set), as demo mode and the integration
 * tests need. Each simulator can also be started alone, without the cross-checks.
 */
export async function startAdobeSimulators(options: {
  ims: ImsSimOptions;
  /** Sandboxes of every org, for every API; default `['prod']`. */
  sandboxes?: string[];
  flowService?: Omit<FlowServiceSimOptions, Shared> & { sandboxes?: string[] };
  schemaRegistry?: Omit<SchemaRegistrySimOptions, Shared>;
  catalog?: Omit<CatalogSimOptions, Shared>;
  dataPrep?: Omit<DataPrepSimOptions, Shared>;
}): Promise<AdobeSimulators> {
  const ims = await startImsSimulator(options.ims);
  const started: { close(): Promise<void> }[] = [ims];
  const peers: PlatformPeers = {};
  const sandboxes = options.sandboxes ?? options.flowService?.sandboxes ?? ['prod'];
  const shared = { ims, peers, sandboxes };
  const track = <T extends { close(): Promise<void> }>(simulator: T): T => (started.push(simulator), simulator);
  try {
    const flowService = track(await startFlowServiceSimulator({ ...options.flowService, ...shared }));
    const schemaRegistry = track(await startSchemaRegistrySimulator({ ...options.schemaRegistry, ...shared }));
    const catalog = track(await startCatalogSimulator({ ...options.catalog, ...shared }));
    const dataPrep = track(await startDataPrepSimulator({ ...options.dataPrep, ...shared }));
    Object.assign(peers, linkPeers(schemaRegistry, catalog, dataPrep));
    return {
      ims,
      flowService,
      schemaRegistry,
      catalog,
      dataPrep,
      close: async () => void (await Promise.all(started.map((s) => s.close()))),
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}

/** The cross-API look-ups, answered from the simulators' own records. */
function linkPeers(
  schemaRegistry: SchemaRegistrySimulator,
  catalog: CatalogSimulator,
  dataPrep: DataPrepSimulator,
): Required<PlatformPeers> {
  return {
    schema: (id, scope) => {
      const schema = schemaRegistry.findSchema(id, scope);
      return schema && { id: schema.$id, unionEnabled: schema.immutableTags.includes('union'), fields: schema.fields };
    },
    dataset: (id, scope) => {
      const dataset = catalog.findDataset(id, scope);
      return dataset && { id: dataset.id, schemaId: dataset.schemaRef.id };
    },
    schemaInUse: (schemaId, scope) => {
      const ids = new Set([schemaId, schemaRegistry.findSchema(schemaId, scope)?.id, schemaRegistry.findSchema(schemaId, scope)?.$id]);
      return catalog.datasets().some((d) => ids.has(d.schemaRef.id) && d.imsOrgId === scope.orgId && d.sandboxName === scope.sandboxName);
    },
    mappingSet: (id, scope) => {
      const set = dataPrep.findMappingSet(id, scope);
      return set && { id: set.id, version: set.version };
    },
  };
}
