// Preloaded into a child process (NODE_OPTIONS=--import): writes its peak RSS (KiB) on exit, so a
// test can measure the CLI's memory without any hook in the product code.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.SECRET_HINTS_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
