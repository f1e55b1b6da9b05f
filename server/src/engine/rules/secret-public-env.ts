// secret-public-env: a secret under a prefix that a build tool inlines into browser code.
import { isPublishedSecret, publicPrefixOf } from '../code/public-env';
import type { CodeRule, Detected } from '../rule';
import { everyRead } from '../code/frameworks';

/** The build tool each prefix belongs to, for the message. */
const TOOLS: Record<string, string> = {
  NEXT_PUBLIC_: 'Next.js',
  VITE_: 'Vite',
  REACT_APP_: 'Create React App',
  EXPO_PUBLIC_: 'Expo',
  NUXT_PUBLIC_: 'Nuxt',
  GATSBY_: 'Gatsby',
  PUBLIC_: 'SvelteKit and Astro',
};

export const secretPublicEnv: CodeRule = {
  id: 'secret-public-env',
  target: 'code',
  summary: 'A secret is named with a prefix that ships it to browsers.',
  explanation:
    'Next.js (`NEXT_PUBLIC_`), Vite (`VITE_`), Create React App (`REACT_APP_`) and similar tools copy these variables into the ' +
    'JavaScript every visitor downloads: a secret under such a name is public. Drop the prefix, read the secret only in server ' +
    'code (an API route, a server action), and rotate it — it has already been shipped.',
  defaultSeverity: 'error',
  flags: 'a secret read under `NEXT_PUBLIC_`, `VITE_`, `REACT_APP_` and other browser-public prefixes',
  preferredFix: 'none (move it server-side and rotate)',
  detect(ctx, env) {
    const out: Detected[] = [];
    const seen = new Set<string>();
    for (const read of everyRead(ctx)) {
      if (!isPublishedSecret(ctx.dialect, read.name, env.names)) continue;
      const key = `${read.node.startIndex}:${read.node.endIndex}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const prefix = publicPrefixOf(ctx.dialect, read.name)!;
      out.push({
        start: read.node.startIndex,
        end: read.node.endIndex,
        message: `Secret ${read.name} has the ${prefix} prefix: ${TOOLS[prefix] ?? 'the build'} ships it in the JavaScript every visitor downloads. Read it in server code under a name without the prefix, and rotate it.`,
        data: { variable: read.name, prefix },
      });
    }
    return out;
  },
};
