// The Go secret loader the env-read fix writes next to the file (same package): reads
// `${SECRETS_DIR or mountPath}/NAME`, strips one trailing newline, falls back to the env var, and re-reads
// when the file's mtime changes (Kubernetes swaps the files on rotation). Standard library only, Go 1.19.
// The three functions are drop-ins for the reads they replace: os.Getenv → getSecret,
// os.LookupEnv → lookupSecret; loadSecret also reports read errors other than a missing file.

export const GO_LOADER_FILE = 'secret_loader.go';
export const GO_LOADER_NAMES = ['loadSecret', 'getSecret', 'lookupSecret'] as const;

/**
 * The whole text of `secret_loader.go` for package `packageName`, gofmt-formatted. Its package-level
 * helpers are prefixed `secretFile` so they do not clash with the package's own names.
 */
export function goLoader(packageName: string, mountPath: string): string {
  // Written with four-space indents (tabs in the output): gofmt indents with tabs and aligns with spaces.
  const text = `package ${packageName}

import (
    "errors"
    "io"
    "os"
    "path/filepath"
    "strings"
    "sync"
    "time"
)

// secretFileDefaultDir is where the Secret volume is mounted unless $SECRETS_DIR says otherwise.
const secretFileDefaultDir = ${goString(mountPath)}

// secretFileEntry is a value with the mtime of the file it was read from: Kubernetes swaps the
// files when the Secret rotates, so a different mtime means the file must be read again.
type secretFileEntry struct {
    modTime time.Time
    value   string
}

var (
    secretFileMu    sync.Mutex
    secretFileCache = map[string]secretFileEntry{}
)

// loadSecret returns secret name from the mounted secret file, else the env var of the same name.
// Files live in $SECRETS_DIR (default secretFileDefaultDir); one trailing newline is stripped, and the
// file is re-read when its mtime changes, so a rotated Secret is picked up without a restart.
// Errors other than a missing file (permission denied, a directory) are returned, not hidden.
func loadSecret(name string) (string, error) {
    value, found, err := secretFileRead(name)
    if err != nil {
        return "", err
    }
    if !found {
        return os.Getenv(name), nil
    }
    return value, nil
}

// getSecret is a drop-in for os.Getenv: the secret file's value, else the env var (also when the
// file cannot be read, so a broken mount degrades to the previous behaviour).
func getSecret(name string) string {
    value, err := loadSecret(name)
    if err != nil {
        return os.Getenv(name)
    }
    return value
}

// lookupSecret is a drop-in for os.LookupEnv: the secret file's value and true when the file is
// there and readable, else the env var's lookup.
func lookupSecret(name string) (string, bool) {
    value, found, err := secretFileRead(name)
    if err == nil && found {
        return value, true
    }
    return os.LookupEnv(name)
}

// secretFileRead reads secret name's file through the cache; found is false when there is no file.
func secretFileRead(name string) (value string, found bool, err error) {
    dir, ok := os.LookupEnv("SECRETS_DIR")
    if !ok {
        dir = secretFileDefaultDir
    }
    path := filepath.Join(dir, name)
    // Open, then stat the open file: the mtime is that of the content read, even mid-rotation.
    f, err := os.Open(path)
    if errors.Is(err, os.ErrNotExist) {
        return "", false, nil
    }
    if err != nil {
        return "", false, err
    }
    defer f.Close()
    info, err := f.Stat()
    if err != nil {
        return "", false, err
    }
    secretFileMu.Lock()
    cached, ok := secretFileCache[path]
    secretFileMu.Unlock()
    if ok && cached.modTime.Equal(info.ModTime()) {
        return cached.value, true, nil
    }
    // Read outside the lock: a slow mount does not block the other secrets.
    data, err := io.ReadAll(f)
    if err != nil {
        return "", false, err
    }
    value = string(data)
    if strings.HasSuffix(value, "\\r\\n") {
        value = value[:len(value)-2]
    } else {
        value = strings.TrimSuffix(value, "\\n")
    }
    secretFileMu.Lock()
    secretFileCache[path] = secretFileEntry{modTime: info.ModTime(), value: value}
    secretFileMu.Unlock()
    return value, true, nil
}
`;
  return text.replace(/^(?: {4})+/gm, (indent) => '\t'.repeat(indent.length / 4));
}

/** A Go interpreted string literal (JSON's escapes are Go's, but for lone surrogates, which Go rejects). */
function goString(s: string): string {
  return JSON.stringify(s).replace(/\\u(d[89a-f][0-9a-f]{2})/g, '\\ufffd');
}
