const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['models', 'ollama', 'registry', 'llama3:latest', 'capabilities', 0]` -> `models.ollama.registry["llama3:latest"].capabilities[0]`. */
export function formatConfigPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
