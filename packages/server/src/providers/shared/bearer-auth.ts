/** `Authorization: Bearer <key>`, or nothing when the provider has no key (local servers). */
export function bearerAuthHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}
