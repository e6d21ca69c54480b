import { startFlowServiceSimulator, type FlowServiceSimOptions, type FlowServiceSimulator } from './flow-service/index.js';
import { startImsSimulator, type ImsSimOptions, type ImsSimulator } from './ims/index.js';

export interface AdobeSimulators {
  ims: ImsSimulator;
  flowService: FlowServiceSimulator;
  close(): Promise<void>;
}

/**
 * Starts IMS and a Flow Service that trusts the tokens this IMS issues: the pair demo mode and the
 * integration tests need. Either simulator can also be started alone.
 */
export async function startAdobeSimulators(options: {
  ims: ImsSimOptions;
  flowService?: Omit<FlowServiceSimOptions, 'ims'>;
}): Promise<AdobeSimulators> {
  const ims = await startImsSimulator(options.ims);
  try {
    const flowService = await startFlowServiceSimulator({ ...options.flowService, ims });
    return { ims, flowService, close: async () => void (await Promise.all([flowService.close(), ims.close()])) };
  } catch (error) {
    await ims.close();
    throw error;
  }
}
