/** Capabilities every installation knows; config may add more under `capabilities:`. */
export const BUILT_IN_CAPABILITIES = ['chat', 'sql', 'embeddings'] as const;

export type BuiltInCapability = (typeof BUILT_IN_CAPABILITIES)[number];

/** Capability names: lower-case words joined by `_`. */
export const CAPABILITY_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
