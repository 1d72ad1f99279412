package dev.edge4j.core.models;

import dev.edge4j.core.Edge4jHome;
import dev.edge4j.core.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The local model cache under {@code $EDGE4J_HOME/models}: one folder per model, holding the file
 * (or folder) the catalog describes.
 *
 * <p>A model's folder appears only by an atomic rename after its sha256 was checked, so a fetch
 * that fails, is killed or downloads the wrong bytes never leaves a file where {@link #path} would
 * find it. Work happens in {@code $EDGE4J_HOME/tmp}, which the next fetch or import clears.
 */
public final class ModelStore {
    /** Serialises fetches inside one JVM; the file lock does it between processes. */
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private final Path home;
    private final Path models;
    private final Path tmp;
    private final Catalog catalog;
    private final Map<ModelSource.Kind, PackageClient> clients;

    public ModelStore(Path home, Catalog catalog, Map<ModelSource.Kind, PackageClient> clients) {
        this.home = home;
        this.models = home.resolve("models");
        this.tmp = home.resolve("tmp");
        this.catalog = catalog;
        this.clients = new EnumMap<>(clients);
    }

    /** The store of {@code $EDGE4J_HOME} with the built-in catalog and the real registry clients. */
    public static ModelStore open() {
        return open(Edge4jHome.get());
    }

    public static ModelStore open(Path home) {
        return new ModelStore(home, Catalog.builtIn(), Map.of(
                ModelSource.Kind.NPM, new NpmClient(),
                ModelSource.Kind.MAVEN, new MavenClient(),
                ModelSource.Kind.URL, new HttpsClient()));
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The folder holding every cached model. */
    public Path root() {
        return models;
    }

    /** The cached, verified file (or folder) of model {@code name}, if it has been fetched or imported. */
    public Optional<Path> path(String name) {
        ModelEntry e = catalog.get(name);
        Path p = location(e);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    /** Like {@link #path}, but a model that is not cached is an error that says how to get it. */
    public Path require(String name) {
        return path(name).orElseThrow(() -> new FetchException("model " + name + " is not in the cache " + models
                + "; run `edge4j models fetch " + name + "` (or `edge4j models import DIR` on a device without network)"));
    }

    private Path location(ModelEntry e) {
        return models.resolve(e.name()).resolve(e.source().fileName());
    }

    /** What a fetch or import did with one model. */
    public enum Outcome { FETCHED, IMPORTED, ALREADY_PRESENT, NOT_FOUND }

    public record Result(ModelEntry entry, Outcome outcome, Path path) {}

    /** Fetches the named models that are not cached yet (all of them with {@code force}). */
    public List<Result> fetch(List<String> names, boolean force) throws IOException {
        List<ModelEntry> entries = names.stream().distinct().map(catalog::get).toList();
        return locked(() -> {
            List<Result> results = new ArrayList<>();
            Map<String, List<ModelEntry>> byDownload = new LinkedHashMap<>();
            for (ModelEntry e : entries) {
                if (!force && Files.exists(location(e))) {
                    results.add(new Result(e, Outcome.ALREADY_PRESENT, location(e)));
                } else {
                    byDownload.computeIfAbsent(e.source().downloadKey(), k -> new ArrayList<>()).add(e);
                }
            }
            for (List<ModelEntry> group : byDownload.values()) {
                results.addAll(fetchGroup(group));
            }
            return results;
        });
    }

    /** Fetches one model if it is not cached and returns its path. */
    public Path fetch(String name) throws IOException {
        return fetch(List.of(name), false).getFirst().path();
    }

    private List<Result> fetchGroup(List<ModelEntry> group) throws IOException {
        ModelSource source = group.getFirst().source();
        PackageClient client = clients.get(source.kind());
        if (client == null) {
            throw new FetchException("no client for " + source.kind().name().toLowerCase() + " sources is configured");
        }
        Path work = newWorkDir();
        try {
            Path download = Files.createDirectories(work.resolve("download"));
            String label = "fetching " + source.coordinate();
            Path archive;
            try (Progress progress = Progress.bytes(label, source.kind() == ModelSource.Kind.URL && group.size() == 1
                    ? group.getFirst().size() : -1)) {
                archive = client.download(source, download, progress);
            }
            List<Result> results = new ArrayList<>();
            for (ModelEntry e : group) {
                Path stage = work.resolve("stage").resolve(e.name());
                Path staged = stage.resolve(e.source().fileName());
                Files.createDirectories(stage);
                Path scratch = Files.createDirectories(work.resolve("scratch-" + e.name()));
                Path input = archive;
                if (group.size() > 1 && (e.source().path() == null || e.source().path().isEmpty())) {
                    input = Files.copy(archive, scratch.resolve(archive.getFileName()));
                }
                PackageContents.extract(e.source(), input, staged, scratch);
                check(e, staged, e.source().describe());
                results.add(new Result(e, Outcome.FETCHED, install(e, stage, work)));
            }
            return results;
        } finally {
            deleteTree(work);
        }
    }

    /** Throws unless {@code staged} has the size and sha256 the catalog states for {@code e}. */
    private static void check(ModelEntry e, Path staged, String origin) throws IOException {
        long size = e.isFolder() ? Checksums.folderSize(staged) : Files.size(staged);
        String sha = e.isFolder() ? Checksums.folderDigest(staged) : Checksums.sha256(staged);
        if (!sha.equals(e.sha256())) {
            throw new FetchException("checksum mismatch for " + e.name() + ": " + origin + " has sha256 "
                    + sha.substring(0, 16) + "... (" + size + " bytes) but the catalog expects "
                    + e.sha256().substring(0, 16) + "... (" + e.size() + " bytes); nothing was stored");
        }
    }

    /** Moves a verified stage folder into place atomically; returns the model's path. */
    private Path install(ModelEntry e, Path stage, Path work) throws IOException {
        Files.createDirectories(models);
        Path target = models.resolve(e.name());
        if (Files.exists(target)) {
            Path old = work.resolve("old-" + e.name());
            move(target, old);
        }
        move(stage, target);
        return location(e);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
            throw new FetchException("cannot move " + from + " to " + to + " atomically: keep $EDGE4J_HOME on one file system");
        }
    }

    /** Re-hashes every cached model; returns the names of those whose bytes no longer match. */
    public List<ModelEntry> verify(Progress progress) throws IOException {
        List<ModelEntry> bad = new ArrayList<>();
        for (ModelEntry e : catalog.all()) {
            Path p = location(e);
            if (!Files.exists(p)) {
                continue;
            }
            String sha = e.isFolder() ? Checksums.folderDigest(p) : Checksums.sha256(p);
            if (!sha.equals(e.sha256())) {
                bad.add(e);
            }
            progress.add(e.size());
        }
        return bad;
    }

    /** Total size of the cached models, for the progress of {@link #verify}. */
    public long cachedBytes() {
        return catalog.all().stream().filter(e -> Files.exists(location(e))).mapToLong(ModelEntry::size).sum();
    }

    /**
     * Takes models copied from another machine (e.g. a USB stick holding a model cache or the
     * files themselves): every file or folder under {@code dir} whose sha256 matches a catalog
     * entry is copied into the cache. Works offline; nothing is downloaded.
     */
    public List<Result> importFrom(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new FetchException(dir + " is not a folder: `edge4j models import` takes the folder that holds the copied models");
        }
        return locked(() -> {
            Map<String, List<Path>> filesByName = new HashMap<>();
            Map<Long, List<Path>> filesBySize = new HashMap<>();
            Map<String, List<Path>> foldersByName = new HashMap<>();
            try (Stream<Path> walk = Files.walk(dir, 12, FileVisitOption.FOLLOW_LINKS)) {
                walk.forEach(p -> {
                    String n = p.getFileName() == null ? "" : p.getFileName().toString();
                    if (Files.isRegularFile(p)) {
                        filesByName.computeIfAbsent(n, k -> new ArrayList<>()).add(p);
                        try {
                            filesBySize.computeIfAbsent(Files.size(p), k -> new ArrayList<>()).add(p);
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    } else if (Files.isDirectory(p)) {
                        foldersByName.computeIfAbsent(n, k -> new ArrayList<>()).add(p);
                    }
                });
            } catch (UncheckedIOException ex) {
                throw ex.getCause();
            }
            List<Result> results = new ArrayList<>();
            for (ModelEntry e : catalog.all()) {
                if (Files.exists(location(e))) {
                    results.add(new Result(e, Outcome.ALREADY_PRESENT, location(e)));
                    continue;
                }
                Path match = e.isFolder() ? matchingFolder(e, foldersByName) : matchingFile(e, filesByName, filesBySize);
                if (match == null) {
                    results.add(new Result(e, Outcome.NOT_FOUND, null));
                    continue;
                }
                Path work = newWorkDir();
                try {
                    Path stage = Files.createDirectories(work.resolve("stage").resolve(e.name()));
                    Path staged = stage.resolve(e.source().fileName());
                    if (e.isFolder()) {
                        for (String rel : Checksums.files(match, e.source().include())) {
                            Path out = staged.resolve(rel);
                            Files.createDirectories(out.getParent());
                            Files.copy(match.resolve(rel), out);
                        }
                    } else {
                        Files.copy(match, staged);
                    }
                    check(e, staged, match.toString());
                    results.add(new Result(e, Outcome.IMPORTED, install(e, stage, work)));
                } finally {
                    deleteTree(work);
                }
            }
            return results;
        });
    }

    private static Path matchingFile(ModelEntry e, Map<String, List<Path>> byName, Map<Long, List<Path>> bySize)
            throws IOException {
        List<Path> candidates = new ArrayList<>(byName.getOrDefault(e.source().fileName(), List.of()));
        candidates.addAll(bySize.getOrDefault(e.size(), List.of()));
        for (Path p : candidates.stream().distinct().toList()) {
            if (Files.size(p) == e.size() && Checksums.sha256(p).equals(e.sha256())) {
                return p;
            }
        }
        return null;
    }

    private static Path matchingFolder(ModelEntry e, Map<String, List<Path>> byName) throws IOException {
        List<Path> candidates = new ArrayList<>(byName.getOrDefault(e.source().fileName(), List.of()));
        candidates.addAll(byName.getOrDefault(e.name(), List.of()));
        for (Path p : candidates.stream().distinct().toList()) {
            if (Checksums.folderDigest(p, e.source().include()).equals(e.sha256())) {
                return p;
            }
        }
        return null;
    }

    /** Copies every cached model to {@code dir}, laid out as the cache is, for {@link #importFrom} elsewhere. */
    public List<ModelEntry> exportTo(Path dir) throws IOException {
        List<ModelEntry> copied = new ArrayList<>();
        for (ModelEntry e : catalog.all()) {
            Path from = location(e);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve(e.name()).resolve(e.source().fileName());
            if (e.isFolder()) {
                for (String rel : Checksums.files(from, List.of())) {
                    Path out = to.resolve(rel);
                    Files.createDirectories(out.getParent());
                    Files.copy(from.resolve(rel), out, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
            copied.add(e);
        }
        return copied;
    }

    private Path newWorkDir() throws IOException {
        return Files.createDirectories(tmp.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID()));
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} holding the store's lock, after clearing work left by killed runs. */
    @SuppressWarnings("try") // the lock is held for the block, never referenced in it
    private <T> T locked(IoAction<T> action) throws IOException {
        Files.createDirectories(home);
        JVM_LOCK.lock();
        try (FileChannel channel = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            if (Files.isDirectory(tmp)) {
                try (Stream<Path> stale = Files.list(tmp)) {
                    for (Path p : stale.toList()) {
                        deleteTree(p);
                    }
                }
            }
            return action.run();
        } finally {
            JVM_LOCK.unlock();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
