// Variables a build tool inlines into browser code (`NEXT_PUBLIC_…`, `VITE_…`): a secret under such a
// prefix is shipped to every visitor. Some keys are public by design — publishable, anonymous and
// site keys, browser SDK ids — and are no leak whatever their name says.
import { isSecretName, type NameLists } from '../names';
import type { Dialect } from './dialect';

/** Keys meant for browsers: Stripe publishable, Supabase anon, reCAPTCHA/Turnstile site keys, Firebase web API keys, Maps/Mapbox, search-only keys, analytics and error-reporting DSNs. */
const PUBLIC_BY_DESIGN =
  /(?:^|_)(?:PUBLISHABLE|PUBLIC|ANON|SITE_KEY|SITEKEY|CLIENT_ID|FIREBASE|MAPS|MAPBOX|ALGOLIA|SEARCH_ONLY|SEARCH_KEY|SEARCH_API_KEY|SENTRY|DSN|POSTHOG|SEGMENT|AMPLITUDE|MIXPANEL|RECAPTCHA|TURNSTILE|HCAPTCHA|GA_|MEASUREMENT|PK_|CLERK_PUBLISHABLE)/;

/** The public prefix `name` starts with, if any. */
export function publicPrefixOf(dialect: Dialect, name: string): string | undefined {
  return dialect.publicEnvPrefixes.find((p) => name.startsWith(p) && name.length > p.length);
}

/** A variable under a public prefix whose own name is a secret's and not a key meant for browsers. */
export function isPublishedSecret(dialect: Dialect, name: string, lists: NameLists): boolean {
  const prefix = publicPrefixOf(dialect, name);
  if (prefix === undefined) return false;
  const rest = name.slice(prefix.length);
  return isSecretName(rest, lists) && !PUBLIC_BY_DESIGN.test(rest.toUpperCase());
}
