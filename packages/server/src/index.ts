export { type BuildAppOptions, buildApp, SWITCHBOARD_VERSION } from './app/build-app.js';
export {
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  parseConfigText,
} from './config/load-config.js';
export {
  type MockProviders,
  type MockProvidersOptions,
  startMockProviders,
} from './mock-providers/index.js';
export { PROVIDER_KIND_MODULES } from './providers/index.js';
export type { ProviderKindModule } from './providers/provider-kind.js';
export { type RunningServer, type StartServerOptions, startServer } from './server.js';
export { type CreateStoreOptions, createStore, type Store } from './store/create-store.js';
