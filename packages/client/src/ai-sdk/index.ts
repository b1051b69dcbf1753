export {
  createSwitchboard,
  DEFAULT_SWITCHBOARD_URL,
  type SwitchboardProvider,
  type SwitchboardProviderSettings,
} from './create-switchboard.js';
