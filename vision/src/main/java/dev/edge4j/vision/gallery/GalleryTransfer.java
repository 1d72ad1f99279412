package dev.edge4j.vision.gallery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Moves a gallery between devices as one JSON file: the embedding model and dimension, then each
 * person with their embeddings (float32 little-endian, base64). Photos never leave the device;
 * only embeddings do. Export writes a temporary file and renames it, so a crash never leaves a
 * half-written export under the target name; import is one transaction, all or nothing.
 */
public final class GalleryTransfer {
    static final String FORMAT = "edge4j-face-gallery";
    static final int VERSION = 1;

    /** What to do with a person who is already in the gallery. */
    public enum Mode {
        /** Add the file's embeddings to theirs (skipping ones already stored). */
        MERGE,
        /** Replace their embeddings with the file's. */
        REPLACE,
        /** Leave them as they are. */
        SKIP
    }

    /** How an import went: people added, people changed, people left alone, embeddings written. */
    public record ImportResult(int added, int updated, int skipped, int embeddings) {}

    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    private GalleryTransfer() {}

    /** Writes every person of {@code gallery} to {@code target}; returns how many. */
    public static int export(Gallery gallery, Path target) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Gallery.createPrivate(tmp); // embeddings are biometric data: owner only
            int people;
            try (JsonGenerator g = JSON.createGenerator(tmp.toFile(), JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("format", FORMAT);
                g.writeNumberField("version", VERSION);
                g.writeStringField("embedding_model", gallery.model());
                g.writeNumberField("dimension", gallery.dimension());
                g.writeArrayFieldStart("people");
                people = gallery.read(db -> {
                    int n = 0;
                    try (Statement s = db.createStatement();
                            ResultSet r = s.executeQuery("SELECT p.name, p.created_at, e.vector, e.source, e.created_at"
                                    + " FROM person p JOIN embedding e ON e.person_id = p.id ORDER BY p.name, e.id")) {
                        String current = null;
                        while (r.next()) {
                            String name = r.getString(1);
                            if (!name.equals(current)) {
                                if (current != null) {
                                    g.writeEndArray();
                                    g.writeEndObject();
                                }
                                current = name;
                                n++;
                                g.writeStartObject();
                                g.writeStringField("name", name);
                                g.writeNumberField("created_at", r.getLong(2));
                                g.writeArrayFieldStart("embeddings");
                            }
                            g.writeStartObject();
                            g.writeStringField("vector", Base64.getEncoder().encodeToString(r.getBytes(3)));
                            if (r.getString(4) != null) {
                                g.writeStringField("source", r.getString(4));
                            }
                            g.writeNumberField("created_at", r.getLong(5));
                            g.writeEndObject();
                        }
                        if (current != null) {
                            g.writeEndArray();
                            g.writeEndObject();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return n;
                });
                g.writeEndArray();
                g.writeEndObject();
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return people;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // Only the leftover temporary file; the export itself succeeded or already failed.
            }
        }
    }

    /** Reads an export into {@code gallery} in one transaction. */
    public static ImportResult importFrom(Gallery gallery, Path source, Mode mode) {
        if (!Files.isRegularFile(source)) {
            throw new GalleryException("no gallery export at " + source);
        }
        return gallery.transaction(db -> {
            int added = 0;
            int updated = 0;
            int skipped = 0;
            int written = 0;
            boolean headerChecked = false;
            String fmt = null;
            String model = null;
            int dim = -1;
            try (JsonParser p = JSON.createParser(source.toFile())) {
                p.setCodec(new ObjectMapper());
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw bad(source, "it is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "format" -> fmt = p.getValueAsString();
                        case "embedding_model" -> model = p.getValueAsString();
                        case "dimension" -> dim = p.getValueAsInt(-1);
                        case "version" -> {
                            if (p.getValueAsInt(-1) != VERSION) {
                                throw bad(source, "it has version " + p.getText() + "; this Edge4j reads version " + VERSION);
                            }
                        }
                        case "people" -> {
                            checkHeader(gallery, source, fmt, model, dim);
                            headerChecked = true;
                            if (p.currentToken() != JsonToken.START_ARRAY) {
                                throw bad(source, "\"people\" is not a list");
                            }
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                JsonNode person = p.readValueAsTree();
                                String name = Gallery.checkName(person.path("name").asText(""));
                                List<float[]> vectors = new ArrayList<>();
                                List<String> sources = new ArrayList<>();
                                for (JsonNode e : person.path("embeddings")) {
                                    float[] v = decode(e.path("vector").asText(""), gallery.dimension());
                                    if (v == null || !Embeddings.finiteUnit(v)) {
                                        throw bad(source, "an embedding of " + name + " is not "
                                                + gallery.dimension() + " finite values of unit length");
                                    }
                                    vectors.add(v);
                                    sources.add(e.hasNonNull("source") ? e.get("source").asText() : null);
                                }
                                long created = person.path("created_at").asLong(System.currentTimeMillis());
                                Long id = existing(db, name);
                                if (id != null && mode == Mode.SKIP) {
                                    skipped++;
                                    continue;
                                }
                                if (id == null) {
                                    id = insertPerson(db, name, created);
                                    added++;
                                } else {
                                    updated++;
                                    if (mode == Mode.REPLACE) {
                                        try (PreparedStatement d = db.prepareStatement("DELETE FROM embedding WHERE person_id = ?")) {
                                            d.setLong(1, id);
                                            d.executeUpdate();
                                        }
                                    }
                                }
                                written += insertEmbeddings(db, id, vectors, sources, mode == Mode.MERGE);
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                throw bad(source, "it is not valid JSON (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!headerChecked) {
                throw bad(source, "it has no \"people\" list");
            }
            return new ImportResult(added, updated, skipped, written);
        });
    }

    private static void checkHeader(Gallery gallery, Path source, String fmt, String model, int dim) {
        if (!FORMAT.equals(fmt)) {
            throw bad(source, "it is not an Edge4j face gallery export (format \"" + fmt + "\")");
        }
        if (!gallery.model().equals(model) || gallery.dimension() != dim) {
            throw bad(source, "it holds embeddings of " + model + " (" + dim + " values), the gallery holds "
                    + gallery.model() + " (" + gallery.dimension() + ")");
        }
    }

    private static GalleryException bad(Path source, String why) {
        return new GalleryException("cannot import " + source + ": " + why);
    }

    private static float[] decode(String base64, int dim) {
        try {
            return Embeddings.fromBytes(Base64.getDecoder().decode(base64), dim);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Long existing(java.sql.Connection db, String name) throws java.sql.SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT id FROM person WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    private static long insertPerson(java.sql.Connection db, String name, long created) throws java.sql.SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO person (name, created_at) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, name);
            p.setLong(2, created);
            p.executeUpdate();
            try (ResultSet r = p.getGeneratedKeys()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static int insertEmbeddings(java.sql.Connection db, long id, List<float[]> vectors, List<String> sources,
            boolean skipStored) throws java.sql.SQLException {
        List<byte[]> stored = new ArrayList<>();
        if (skipStored) {
            try (PreparedStatement p = db.prepareStatement("SELECT vector FROM embedding WHERE person_id = ?")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        stored.add(r.getBytes(1));
                    }
                }
            }
        }
        int n = 0;
        long now = System.currentTimeMillis();
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO embedding (person_id, vector, source, created_at) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < vectors.size(); i++) {
                byte[] bytes = Embeddings.toBytes(vectors.get(i));
                if (stored.stream().anyMatch(s -> java.util.Arrays.equals(s, bytes))) {
                    continue;
                }
                stored.add(bytes);
                p.setLong(1, id);
                p.setBytes(2, bytes);
                p.setString(3, sources.get(i));
                p.setLong(4, now);
                p.addBatch();
                n++;
            }
            p.executeBatch();
        }
        return n;
    }
}
