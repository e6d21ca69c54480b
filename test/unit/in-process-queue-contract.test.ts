import { InProcessQueue } from '../../src/jobs/in-process-queue.js';
import { jobQueueContract } from '../support/job-queue-contract.js';

jobQueueContract('InProcessQueue', async () => new InProcessQueue());
