/**
 * The renderer's Content Security Policy, the same in Electron and in browser mode: it loads
 * only its own files and talks only to its own origin (no record may leave the machine).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
