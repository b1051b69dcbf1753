/** Where the page keeps the API token of `auth.mode: token` (this browser only; cleared by signing out). */
export const TOKEN_STORAGE_KEY = 'switchboard.token';

/** The stored token, or undefined (also when storage is blocked). */
export function loadToken(): string | undefined {
  try {
    return localStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores the token, or forgets it when undefined. */
export function saveToken(token: string | undefined): void {
  try {
    if (token === undefined) localStorage.removeItem(TOKEN_STORAGE_KEY);
    else localStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Private mode with storage blocked: the token lasts until the page is closed.
  }
}
