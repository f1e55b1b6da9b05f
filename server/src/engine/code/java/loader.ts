// The Java secret loader the env-read fix writes next to the file (same package): reads
// `${SECRETS_DIR or mountPath}/NAME`, strips one trailing newline, falls back to the env var and then the
// fallback, and re-reads when the file's mtime changes (Kubernetes swaps the files on rotation).
// Java 8 source, standard library only; package-private so it adds nothing to the package's API.

export const JAVA_LOADER_CLASS = 'SecretLoader';

/** The whole text of `SecretLoader.java`, in package `packageName` (the default package when undefined). */
export function javaLoader(packageName: string | undefined, mountPath: string): string {
  const packageLine = packageName === undefined ? '' : `package ${packageName};\n\n`;
  return `${packageLine}import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads secrets from the files of a mounted Secret volume, else from the environment.
 * Files live in $SECRETS_DIR (default {@link #DEFAULT_DIR}); one trailing newline is stripped, and a file is
 * re-read when its mtime changes, so a rotated Secret is picked up without a restart.
 */
final class SecretLoader {
    /** Where the Secret volume is mounted unless $SECRETS_DIR says otherwise. */
    private static final String DEFAULT_DIR = ${javaString(mountPath)};

    /** Values by file, with the mtime they were read at: Kubernetes swaps the files on rotation. */
    private static final ConcurrentMap<Path, Entry> CACHE = new ConcurrentHashMap<Path, Entry>();

    private SecretLoader() {}

    /**
     * Returns secret {@code name} from its file, else {@code System.getenv(name)} (null when unset).
     *
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    static String get(String name) {
        String value = fromFile(name);
        return value != null ? value : System.getenv(name);
    }

    /** As {@link #get(String)}, with {@code fallback} when neither the file nor the env var is there. */
    static String get(String name, String fallback) {
        String value = get(name);
        return value != null ? value : fallback;
    }

    /** The file's value through the cache; null when there is no file. */
    private static String fromFile(String name) {
        String dir = System.getenv("SECRETS_DIR");
        Path path = Paths.get(dir != null ? dir : DEFAULT_DIR, name);
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        Entry cached = CACHE.get(path);
        if (cached != null && cached.modified.equals(modified)) {
            return cached.value;
        }
        String value;
        try {
            value = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null; // removed since the stat
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        if (value.endsWith("\\r\\n")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("\\n")) {
            value = value.substring(0, value.length() - 1);
        }
        // Stat before read: content newer than the mtime recorded is re-read on the next call, never kept.
        CACHE.put(path, new Entry(modified, value));
        return value;
    }

    /** Names the path, never the content. */
    private static UncheckedIOException unreadable(Path path, IOException cause) {
        return new UncheckedIOException("cannot read secret file " + path, cause);
    }

    private static final class Entry {
        final FileTime modified;
        final String value;

        Entry(FileTime modified, String value) {
            this.modified = modified;
            this.value = value;
        }
    }
}
`;
}

/**
 * A Java string literal of ASCII only: javac reads sources in the platform encoding, and it turns
 * backslash-u escapes into characters before lexing, so line breaks, quotes and backslashes get their own escapes
 * (and javac misreads a lone surrogate's escape before an escaped backslash).
 */
function javaString(s: string): string {
  const escaped = s
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') // lone surrogates: not text
    .split('') // UTF-16 code units: each becomes one escape
    .map((c) => {
      const code = c.charCodeAt(0);
      if (c === '"' || c === '\\') return `\\${c}`;
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (code < 0x20 || code > 0x7e) return `\\u${code.toString(16).padStart(4, '0')}`;
      return c;
    })
    .join('');
  return `"${escaped}"`;
}
