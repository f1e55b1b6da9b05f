// Reads the action's SARIF report (argv: file, exit code) and
//   - prints each finding as `LEVEL  FILE:LINE:COL  RULE  MESSAGE`, and (unless INPUT_ANNOTATIONS=false) as a
//     workflow command, so it shows as an annotation of the run and on the pull request's diff even without
//     code scanning; files that were not analysed likewise;
//   - appends a Markdown summary (findings per rule and level) to $GITHUB_STEP_SUMMARY when it is set.
import { appendFileSync, readFileSync } from 'node:fs';

const [file, exitCode] = process.argv.slice(2);
const sarif = JSON.parse(readFileSync(file, 'utf8'));
const runs = Array.isArray(sarif.runs) ? sarif.runs : [];
const results = runs.flatMap((run) => run.results ?? []);
const notifications = runs.flatMap((run) => (run.invocations ?? []).flatMap((inv) => inv.toolExecutionNotifications ?? []));
const annotate = process.env.INPUT_ANNOTATIONS !== 'false';
const COMMAND = { error: 'error', warning: 'warning', note: 'notice', none: 'notice' };

/** Control characters other than line breaks, shown as `\xNN`: no terminal escapes from scanned names. */
const CONTROL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/g;
const visible = (s) => String(s).replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
/** Workflow command escaping (the runner's own rules): data, then property values. */
const escapeData = (s) => visible(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A SARIF artifact URI as the workspace-relative path GitHub annotates (relative URIs are percent-encoded). */
function pathOf(location) {
  const uri = location?.physicalLocation?.artifactLocation?.uri;
  if (typeof uri !== 'string') return undefined;
  try {
    return uri.startsWith('file:') ? new URL(uri).pathname : decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

function report(level, title, message, location) {
  const path = pathOf(location);
  const region = location?.physicalLocation?.region ?? {};
  const where = path === undefined ? '' : `${path}${region.startLine ? `:${region.startLine}:${region.startColumn ?? 1}` : ''}  `;
  // The level first, line breaks and other control characters escaped: a file name of the scanned repository
  // never starts a log line (so it is never read as a workflow command) nor sends terminal escapes.
  console.log(escapeData(`${level}  ${where}${title}  ${message}`));
  if (!annotate) return;
  const props = [];
  let text = message;
  if (path !== undefined && /[\x00-\x1f\x7f]/.test(path)) {
    // A path with control characters cannot be named exactly: the annotation stays on the run, and says where.
    text = `${path}: ${message}`;
  } else {
    if (path !== undefined) props.push(`file=${escapeProperty(path)}`);
    for (const [key, value] of [
      ['line', region.startLine],
      ['endLine', region.endLine],
      ['col', region.startColumn],
      ['endColumn', region.endColumn],
    ]) {
      if (Number.isInteger(value)) props.push(`${key}=${value}`);
    }
  }
  props.push(`title=${escapeProperty(`secret-hints: ${title}`)}`);
  console.log(`::${COMMAND[level] ?? 'warning'} ${props.join(',')}::${escapeData(text)}`);
}

for (const r of results) report(r.level ?? 'warning', r.ruleId ?? 'finding', r.message?.text ?? '', r.locations?.[0]);
for (const n of notifications) {
  report(n.level ?? 'error', `not analysed (${n.descriptor?.id ?? 'unknown'})`, n.message?.text ?? '', n.locations?.[0]);
}

const summaryFile = process.env.GITHUB_STEP_SUMMARY;
if (summaryFile) {
  const levels = ['error', 'warning', 'note'];
  const perRule = new Map();
  for (const r of results) {
    const row = perRule.get(r.ruleId) ?? { error: 0, warning: 0, note: 0 };
    const level = levels.includes(r.level) ? r.level : 'note';
    row[level] += 1;
    perRule.set(r.ruleId, row);
  }
  const lines = [
    '### secret-hints',
    '',
    `${results.length} finding${results.length === 1 ? '' : 's'}, ${notifications.length} file${notifications.length === 1 ? '' : 's'} not analysed; exit code ${exitCode}; report: \`${file}\`.`,
    '',
  ];
  if (perRule.size > 0) {
    lines.push('| rule | error | warning | note |', '|---|---:|---:|---:|');
    for (const [rule, row] of [...perRule].sort(([a], [b]) => String(a).localeCompare(String(b)))) {
      lines.push(`| \`${rule}\` | ${row.error} | ${row.warning} | ${row.note} |`);
    }
    lines.push('');
  }
  appendFileSync(summaryFile, `${lines.join('\n')}\n`);
}
