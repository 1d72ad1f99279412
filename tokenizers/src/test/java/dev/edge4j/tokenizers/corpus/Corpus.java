package dev.edge4j.tokenizers.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The multilingual test corpus, gathered from text every Debian machine that ran {@code bin/test-all}
 * has: licences (English prose), this project's own sources (code), gettext translations of Debian
 * packages (Chinese, Japanese, Korean, Arabic, Hindi and a dozen more), the committed seed file of
 * hand-written tricky cases, and generated stress text (emoji and ZWJ sequences, stacked combining
 * marks, whitespace runs, long digit runs, very long words). Deterministic on a given machine.
 */
public final class Corpus {
    private Corpus() {}

    /** One document: encoded as a whole. */
    public record Document(String name, String text) {}

    /** Languages read from gettext catalogs, with how many UTF-8 bytes to take of each. */
    private static final String[][] LANGUAGES = {
        {"zh_CN", "260000"}, {"zh_TW", "120000"}, {"ja", "260000"}, {"ko", "220000"}, {"ar", "200000"},
        {"hi", "200000"}, {"ru", "80000"}, {"el", "60000"}, {"he", "60000"}, {"th", "60000"}, {"vi", "80000"},
        {"fa", "40000"}, {"bn", "60000"}, {"ta", "60000"}, {"de", "60000"}, {"fr", "60000"}, {"tr", "40000"}};

    private static final Path LOCALE = Path.of("/usr/share/locale");
    private static final Path LICENSES = Path.of("/usr/share/common-licenses");

    /** Gathers the corpus; {@code projectRoot} is where this project's sources are read from. */
    public static List<Document> gather(Path projectRoot) {
        try {
            List<Document> docs = new ArrayList<>();
            docs.add(new Document("seed", seed()));
            docs.addAll(licences(500_000));
            docs.addAll(sources(projectRoot, 400_000));
            for (String[] lang : LANGUAGES) {
                docs.addAll(translations(lang[0], Integer.parseInt(lang[1])));
            }
            docs.addAll(Stress.documents());
            // Decomposed (NFD) copies exercise combining marks and the NFC normalizers.
            List<Document> decomposed = new ArrayList<>();
            for (Document d : docs) {
                if (d.name().startsWith("mo/vi/") || d.name().startsWith("mo/fr/") || d.name().startsWith("mo/ko/")) {
                    if (decomposed.size() < 6) {
                        decomposed.add(new Document("nfd/" + d.name(), Normalizer.normalize(d.text(),
                                Normalizer.Form.NFD)));
                    }
                }
            }
            docs.addAll(decomposed);
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Total size in UTF-8 bytes. */
    public static long bytes(List<Document> docs) {
        long n = 0;
        for (Document d : docs) {
            n += d.text().getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }

    static String seed() throws IOException {
        try (InputStream in = Corpus.class.getResourceAsStream("seed.txt")) {
            if (in == null) {
                throw new IOException("the corpus seed file is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> sorted(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Document> licences(int budget) throws IOException {
        List<Document> out = new ArrayList<>();
        int used = 0;
        for (Path p : sorted(LICENSES, "*")) {
            if (Files.isSymbolicLink(p) || used >= budget) {
                continue;
            }
            String text = Files.readString(p, StandardCharsets.UTF_8);
            out.add(new Document("licence/" + p.getFileName(), text));
            used += text.length();
        }
        return out;
    }

    private static List<Document> sources(Path root, int budget) throws IOException {
        List<Document> out = new ArrayList<>();
        if (root == null || !Files.isDirectory(root)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> {
                String n = p.toString();
                return (n.endsWith(".java") || n.endsWith(".xml") || n.endsWith(".sh") || n.endsWith(".md"))
                        && !n.contains("/target/") && !n.contains("/.git/") && Files.isRegularFile(p);
            }).sorted().toList();
        }
        int used = 0;
        for (Path p : files) {
            if (used >= budget) {
                break;
            }
            String text = Files.readString(p, StandardCharsets.UTF_8);
            out.add(new Document("source/" + root.relativize(p), text));
            used += text.length();
        }
        return out;
    }

    private static List<Document> translations(String lang, int budget) throws IOException {
        List<Document> out = new ArrayList<>();
        int used = 0;
        for (Path p : sorted(LOCALE.resolve(lang).resolve("LC_MESSAGES"), "*.mo")) {
            if (used >= budget) {
                break;
            }
            List<String> strings = MoFile.translations(p);
            if (strings.isEmpty()) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (String s : strings) {
                if (used >= budget) {
                    break;
                }
                sb.append(s).append('\n');
                used += s.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            out.add(new Document("mo/" + lang + "/" + p.getFileName(), sb.toString()));
        }
        return out;
    }

    /** Writes every document as a file of its own (for benchmarks run outside the JVM). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Corpus OUTPUT_DIR [PROJECT_ROOT]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        List<Document> docs = gather(args.length > 1 ? Path.of(args[1]) : Path.of("."));
        int i = 0;
        for (Document d : docs) {
            String name = String.format("%04d-%s.txt", i++, d.name().replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.writeString(out.resolve(name), d.text(), StandardCharsets.UTF_8);
        }
        System.out.println(docs.size() + " documents, " + bytes(docs) + " bytes in " + out);
    }
}
