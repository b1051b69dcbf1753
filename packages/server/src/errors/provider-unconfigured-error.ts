// Lives in core since resolution refuses an override to an unconfigured provider (DESIGN rule 1).
export { ProviderUnconfiguredError } from '@switchboard/core';
