import type { Strategy } from '../../strategy.js';
import { configMapStrategy } from './configmaps.js';
import { endpointsStrategy } from './endpoints.js';
import { eventStrategy } from './events.js';
import { namespaceStrategy } from './namespaces.js';
import { nodeStrategy } from './nodes.js';
import { podStrategy } from './pods.js';
import { secretStrategy } from './secrets.js';
import { serviceAccountStrategy } from './serviceaccounts.js';
import { serviceStrategy } from './services.js';

/** core/v1 strategies, keyed `/<resource>`. */
export const CORE_STRATEGIES: Readonly<Record<string, Strategy>> = {
  '/pods': podStrategy,
  '/nodes': nodeStrategy,
  '/services': serviceStrategy,
  '/endpoints': endpointsStrategy,
  '/configmaps': configMapStrategy,
  '/secrets': secretStrategy,
  '/serviceaccounts': serviceAccountStrategy,
  '/events': eventStrategy,
  '/namespaces': namespaceStrategy,
};
