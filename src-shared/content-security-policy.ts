// The renderer's Content-Security-Policy, one definition for every door: the headless host sends it as a
// header, the Electron session adds it to every response, and a test keeps index.html's meta tag in step.
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
