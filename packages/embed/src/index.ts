/**
 * hubspot-aep-connect's browser SDK: connect a user's HubSpot portal to Adobe Experience Platform from your
 * page, in a popup (`open`, inside a click handler) or an iframe widget (`mount`).
 */
export { CONNECT_ERROR_CODES } from './errors.js';
export { mount } from './mount.js';
export { open } from './open.js';
export type {
  Appearance,
  CommonOptions,
  ConnectClose,
  ConnectError,
  ConnectErrorCode,
  ConnectSuccess,
  Locale,
  MountOptions,
  OpenOptions,
  PopupHandle,
  TokenSource,
  WidgetHandle,
} from './types.js';
