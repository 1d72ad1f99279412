package dev.edge4j.vision.gallery;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The identity store: people and their face embeddings in an SQLite database, with every
 * embedding also held in an {@link EmbeddingIndex} for search.
 *
 * <p>Durability: the database runs in WAL mode with {@code synchronous=FULL}, and each enrolment,
 * removal or import is one transaction. Once {@link #enroll} returns, the person is on disk and
 * survives the process being killed or the power failing; a write cut off half-way leaves no trace.
 * Several processes may share one gallery: a search first checks whether another process changed
 * the database and reloads if so.
 *
 * <p>A gallery belongs to one embedding model (name and dimension are stored in it): embeddings
 * of different models are not comparable, so opening it for another model is an error.
 */
public final class Gallery implements AutoCloseable {
    static final int SCHEMA_VERSION = 1;
    static final int MAX_NAME_LENGTH = 200;

    private final Path file;
    private final Connection db;
    private final String model;
    private final int dim;
    private final EmbeddingIndex index;
    private long dataVersion;

    private Gallery(Path file, Connection db, String model, int dim) {
        this.file = file;
        this.db = db;
        this.model = model;
        this.dim = dim;
        this.index = new EmbeddingIndex(dim);
    }

    /**
     * Opens the gallery in {@code file}, creating it (and its folder) if missing, for embeddings
     * of {@code model} with {@code dim} values.
     */
    public static Gallery open(Path file, String model, int dim) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(file)) {
            throw new GalleryException(file + " is a folder, not a face gallery file");
        }
        createPrivate(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        Connection db;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw notAGallery(file, e);
        }
        Gallery g = new Gallery(file, db, model, dim);
        try {
            g.initialise();
            g.reload();
            return g;
        } catch (SQLException e) {
            g.closeAfter(e);
            throw notAGallery(file, e);
        } catch (RuntimeException e) {
            g.closeAfter(e);
            throw e;
        }
    }

    /**
     * Creates a missing gallery file readable by its owner only: face embeddings are biometric
     * data. SQLite gives its -wal and -shm files the same permissions.
     */
    static void createPrivate(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's own access rules apply.
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Another process created it a moment ago; it sets the permissions.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GalleryException notAGallery(Path file, SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("NOTADB") || m.contains("not a database") || m.contains("CORRUPT")) {
            return new GalleryException(file + " is not a face gallery (not an SQLite database, or damaged)", e);
        }
        return new GalleryException("cannot open the face gallery " + file + ": " + m, e);
    }

    private void initialise() throws SQLException {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS person (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                    + " created_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS embedding (id INTEGER PRIMARY KEY,"
                    + " person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
                    + " vector BLOB NOT NULL, source TEXT, created_at INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS embedding_person ON embedding(person_id)");
            String storedModel = meta("embedding_model");
            if (storedModel == null) {
                putMeta("schema_version", Integer.toString(SCHEMA_VERSION));
                putMeta("embedding_model", model);
                putMeta("dimension", Integer.toString(dim));
            } else {
                String version = meta("schema_version");
                if (!Integer.toString(SCHEMA_VERSION).equals(version)) {
                    throw new GalleryException(file + " has gallery format version " + version
                            + "; this Edge4j reads version " + SCHEMA_VERSION);
                }
                String storedDim = meta("dimension");
                if (!storedModel.equals(model) || !Integer.toString(dim).equals(storedDim)) {
                    throw new GalleryException(file + " holds embeddings of " + storedModel + " (" + storedDim
                            + " values), not of " + model + " (" + dim + "); use another gallery file");
                }
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    private String meta(String key) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private void putMeta(String key, String value) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    /** Reloads the index from the database. */
    private void reload() throws SQLException {
        index.clear();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT p.name, e.vector, e.id FROM embedding e"
                        + " JOIN person p ON p.id = e.person_id ORDER BY e.id")) {
            while (r.next()) {
                float[] v = Embeddings.fromBytes(r.getBytes(2), dim);
                if (v == null) {
                    throw new GalleryException(file + " is damaged: embedding " + r.getLong(3) + " of "
                            + r.getString(1) + " does not hold " + dim + " float values");
                }
                index.add(r.getString(1), v);
            }
        }
        db.commit();
        dataVersion = currentDataVersion();
    }

    /**
     * The database's change counter, which moves when another connection commits. The read
     * transaction is ended right away: a transaction left open would keep showing the old snapshot.
     */
    private long currentDataVersion() throws SQLException {
        long v;
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA data_version")) {
            r.next();
            v = r.getLong(1);
        }
        db.commit();
        return v;
    }

    /** Reloads when another connection committed since we last looked. */
    private void refresh() throws SQLException {
        if (currentDataVersion() != dataVersion) {
            reload();
        }
    }

    public Path file() {
        return file;
    }

    public String model() {
        return model;
    }

    public int dimension() {
        return dim;
    }

    /** A name fit to store: trimmed, 1..200 characters, no control characters. */
    public static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidInputException("a person's name cannot be empty");
        }
        if (n.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("a person's name can have at most " + MAX_NAME_LENGTH
                    + " characters, got " + n.length());
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("the name \"" + n.replaceAll("\\p{Cntrl}", "?")
                    + "\" contains control characters");
        }
        return n;
    }

    private void checkEmbedding(float[] e) {
        if (e.length != dim) {
            throw new InvalidInputException("embedding has " + e.length + " values; this gallery holds " + dim);
        }
        if (!Embeddings.finiteUnit(e)) {
            throw new InvalidInputException("embedding is not a finite unit-length vector");
        }
    }

    /**
     * Adds {@code embeddings} to {@code name} (created if new) in one transaction; when this
     * returns they are on disk. Returns the person as stored now.
     */
    public synchronized Person enroll(String name, List<float[]> embeddings, String source) {
        String n = checkName(name);
        if (embeddings.isEmpty()) {
            throw new InvalidInputException("nothing to enrol for " + n + ": no embeddings");
        }
        embeddings.forEach(this::checkEmbedding);
        long now = System.currentTimeMillis();
        try {
            refresh();
            long id = personId(n, now);
            try (PreparedStatement p = db.prepareStatement(
                    "INSERT INTO embedding (person_id, vector, source, created_at) VALUES (?, ?, ?, ?)")) {
                for (float[] e : embeddings) {
                    p.setLong(1, id);
                    p.setBytes(2, Embeddings.toBytes(e));
                    p.setString(3, source);
                    p.setLong(4, now);
                    p.addBatch();
                }
                p.executeBatch();
            }
            db.commit();
        } catch (SQLException e) {
            rollback(e);
            throw new GalleryException("cannot enrol " + n + " in " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        }
        for (float[] e : embeddings) {
            index.add(n, e.clone());
        }
        return person(n).orElseThrow();
    }

    private long personId(String name, long now) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT id FROM person WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO person (name, created_at) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, name);
            p.setLong(2, now);
            p.executeUpdate();
            try (ResultSet r = p.getGeneratedKeys()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Removes a person and all their embeddings; false if there was no such person. */
    public synchronized boolean remove(String name) {
        String n = checkName(name);
        int deleted;
        try {
            refresh();
            try (PreparedStatement p = db.prepareStatement("DELETE FROM person WHERE name = ?")) {
                p.setString(1, n);
                deleted = p.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            rollback(e);
            throw new GalleryException("cannot remove " + n + " from " + file + ": " + e.getMessage(), e);
        }
        index.remove(n);
        return deleted > 0;
    }

    /** Everyone in the gallery, by name. */
    public synchronized List<Person> people() {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT p.name, COUNT(e.id), p.created_at FROM person p"
                        + " LEFT JOIN embedding e ON e.person_id = p.id GROUP BY p.id ORDER BY p.name")) {
            List<Person> out = new ArrayList<>();
            while (r.next()) {
                out.add(new Person(r.getString(1), r.getInt(2), Instant.ofEpochMilli(r.getLong(3))));
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            rollback(e);
            throw new GalleryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized Optional<Person> person(String name) {
        String n = checkName(name);
        try (PreparedStatement p = db.prepareStatement("SELECT p.name, COUNT(e.id), p.created_at FROM person p"
                + " LEFT JOIN embedding e ON e.person_id = p.id WHERE p.name = ? GROUP BY p.id")) {
            p.setString(1, n);
            try (ResultSet r = p.executeQuery()) {
                Optional<Person> out = r.next()
                        ? Optional.of(new Person(r.getString(1), r.getInt(2), Instant.ofEpochMilli(r.getLong(3))))
                        : Optional.empty();
                db.commit();
                return out;
            }
        } catch (SQLException e) {
            rollback(e);
            throw new GalleryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The stored embeddings of one person, oldest first (empty if unknown). */
    public synchronized List<float[]> embeddings(String name) {
        String n = checkName(name);
        try (PreparedStatement p = db.prepareStatement("SELECT e.vector FROM embedding e JOIN person p"
                + " ON p.id = e.person_id WHERE p.name = ? ORDER BY e.id")) {
            p.setString(1, n);
            List<float[]> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(Embeddings.fromBytes(r.getBytes(1), dim));
                }
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            rollback(e);
            throw new GalleryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The {@code k} people most like {@code embedding}, best first. */
    public synchronized List<Match> search(float[] embedding, int k) {
        return search(embedding, k, null);
    }

    public synchronized List<Match> search(float[] embedding, int k, Parallel pool) {
        checkEmbedding(embedding);
        try {
            refresh();
        } catch (SQLException e) {
            rollback(e);
            throw new GalleryException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return index.search(embedding, k, pool);
    }

    /** Number of people. */
    public synchronized int size() {
        return index.people();
    }

    /** Number of embeddings. */
    public synchronized int embeddingCount() {
        return index.size();
    }

    /** Runs {@code work} inside one transaction of this gallery (used by import). */
    synchronized <T> T transaction(SqlWork<T> work) {
        try {
            refresh();
            T result = work.run(db);
            db.commit();
            reload();
            return result;
        } catch (SQLException e) {
            rollback(e);
            throw new GalleryException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    /** Reads every person with their embeddings in one consistent snapshot (used by export). */
    synchronized <T> T read(SqlWork<T> work) {
        try {
            T result = work.run(db);
            db.commit();
            return result;
        } catch (SQLException e) {
            rollback(e);
            throw new GalleryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection db) throws SQLException;
    }

    /** Undoes the open transaction after {@code failure}; a failing rollback is attached to it. */
    private void rollback(Throwable failure) {
        try {
            db.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void closeAfter(Throwable failure) {
        try {
            db.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new GalleryException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
