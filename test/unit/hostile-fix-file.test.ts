// `--fix` never loses data: atomic write (temp + rename), mode, BOM and line endings kept, symlinks
// written through, and a file that changed since it was read is refused and left untouched.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeFixed } from '../../server/src/cli/fix-file';

function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'secret-hints-fixfile-'));
}

describe('writeFixed', () => {
  it('refuses a file that changed since it was read and leaves it and the folder untouched', async () => {
    const dir = scratch();
    const file = path.join(dir, 'pod.yaml');
    writeFileSync(file, 'a: 1\n');
    const readEarlier = readFileSync(file);
    writeFileSync(file, 'a: 2\n'); // someone else saved in between
    await assert.rejects(writeFixed(file, readEarlier, 'a: fixed\n'), /changed on disk/);
    assert.equal(readFileSync(file, 'utf8'), 'a: 2\n');
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('replaces the content atomically, keeping mode, CRLF line endings and a byte-order mark, leaving no temp file', async () => {
    const dir = scratch();
    const file = path.join(dir, 'pod.yaml');
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: 1\r\nb: 2\r\n')]);
    writeFileSync(file, original);
    chmodSync(file, 0o640);
    await writeFixed(file, original, 'a: 1\r\nb: fixed\r\n');
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), 'a: 1\r\nb: fixed\r\n');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    const dir = scratch();
    const target = path.join(dir, 'real.yaml');
    const link = path.join(dir, 'link.yaml');
    writeFileSync(target, 'a: 1\n');
    symlinkSync('real.yaml', link);
    await writeFixed(link, readFileSync(link), 'a: fixed\n');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), 'real.yaml');
    assert.equal(readFileSync(target, 'utf8'), 'a: fixed\n');
  });

  it('writes a file reached through a symlinked folder in the real folder, keeping the link', async () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'real', 'pod.yaml'), 'a: 1\n');
    symlinkSync('real', path.join(dir, 'linked'));
    const file = path.join(dir, 'linked', 'pod.yaml');
    await writeFixed(file, readFileSync(file), 'a: fixed\n');
    assert.ok(lstatSync(path.join(dir, 'linked')).isSymbolicLink());
    assert.equal(readFileSync(path.join(dir, 'real', 'pod.yaml'), 'utf8'), 'a: fixed\n');
    assert.deepEqual(readdirSync(path.join(dir, 'real')), ['pod.yaml']);
  });

  it('fails cleanly for a dangling symlink, creating nothing', async () => {
    const dir = scratch();
    const link = path.join(dir, 'dangling.yaml');
    symlinkSync('nowhere.yaml', link);
    await assert.rejects(writeFixed(link, Buffer.from(''), 'x\n'), { code: 'ENOENT' });
    assert.deepEqual(readdirSync(dir), ['dangling.yaml']);
  });
});
