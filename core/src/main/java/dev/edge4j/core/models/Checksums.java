package dev.edge4j.core.models;

import dev.edge4j.core.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** sha256 of files and folders, as the catalog states them. */
public final class Checksums {
    private Checksums() {}

    public static String sha256(Path file) throws IOException {
        return sha256(file, null);
    }

    public static String sha256(Path file, Progress progress) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                if (progress != null) {
                    progress.add(n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    /**
     * The digest of a folder: sha256 of its manifest, one line {@code <sha256>  <relative path>\n}
     * per regular file in byte order of the paths ('/' separated), the same text
     * {@code find . -type f | sort | xargs sha256sum} prints without its "./".
     */
    public static String folderDigest(Path folder) throws IOException {
        return folderDigest(folder, List.of());
    }

    /** The digest of the files of {@code folder} that match the {@code include} globs (all when empty). */
    public static String folderDigest(Path folder, List<String> include) throws IOException {
        StringBuilder manifest = new StringBuilder();
        for (String rel : files(folder, include)) {
            manifest.append(sha256(folder.resolve(rel))).append("  ").append(rel).append('\n');
        }
        return sha256(manifest.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Total bytes of the regular files in a folder. */
    public static long folderSize(Path folder) throws IOException {
        long total = 0;
        for (String rel : files(folder, List.of())) {
            total += Files.size(folder.resolve(rel));
        }
        return total;
    }

    /** Relative paths ('/' separated, sorted) of the regular files under {@code folder} that match {@code include}. */
    public static List<String> files(Path folder, List<String> include) throws IOException {
        List<PathMatcher> matchers = include.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p))
                    .filter(rel -> matchers.isEmpty() || matchers.stream().anyMatch(m -> m.matches(rel)))
                    .map(rel -> rel.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
