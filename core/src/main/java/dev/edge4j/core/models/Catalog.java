package dev.edge4j.core.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edge4j.core.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The models Edge4j knows: name, task, format, source, sha256, size and licence of each, read from
 * {@code catalog.json} beside this class. The catalog is the one place that says where a model
 * comes from; everything else asks for models by name.
 */
public final class Catalog {
    private static final String RESOURCE = "catalog.json";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private final Map<String, ModelEntry> entries;

    private Catalog(Map<String, ModelEntry> entries) {
        this.entries = entries;
    }

    /** The catalog shipped with Edge4j. */
    public static Catalog builtIn() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelFormatException("the model catalog " + RESOURCE + " is missing from the class path");
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read the model catalog " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses a catalog; {@code origin} names it in error messages. */
    public static Catalog parse(InputStream in, String origin) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFormatException("the model catalog " + origin + " is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isArray()) {
            throw new ModelFormatException("the model catalog " + origin + " has no \"models\" array");
        }
        Map<String, ModelEntry> map = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            ModelEntry e = entry(models.get(i), origin + " models[" + i + "]");
            if (map.put(e.name(), e) != null) {
                throw new ModelFormatException("the model catalog " + origin + " names " + e.name() + " twice");
            }
        }
        return new Catalog(map);
    }

    private static ModelEntry entry(JsonNode n, String where) {
        String name = text(n, "name", where);
        if (!NAME.matcher(name).matches()) {
            throw new ModelFormatException(where + ".name \"" + name + "\" must be lower-case letters, digits, '_', '.' or '-'");
        }
        String sha = text(n, "sha256", where);
        if (!SHA256.matcher(sha).matches()) {
            throw new ModelFormatException(where + ".sha256 of " + name + " is not 64 lower-case hex digits");
        }
        JsonNode size = n.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() <= 0) {
            throw new ModelFormatException(where + ".size of " + name + " must be a positive number of bytes");
        }
        JsonNode s = n.get("source");
        if (s == null || !s.isObject()) {
            throw new ModelFormatException(where + ".source of " + name + " is missing");
        }
        ModelSource source;
        String path = s.hasNonNull("path") ? s.get("path").asText() : null;
        String git = s.hasNonNull("git") ? s.get("git").asText() : null;
        List<String> include = new ArrayList<>();
        if (s.has("include")) {
            s.get("include").forEach(x -> include.add(x.asText()));
        }
        if (s.hasNonNull("npm")) {
            source = new ModelSource(ModelSource.Kind.NPM, s.get("npm").asText(), path, git, include);
        } else if (s.hasNonNull("maven")) {
            source = new ModelSource(ModelSource.Kind.MAVEN, s.get("maven").asText(), path, git, include);
        } else if (s.hasNonNull("url")) {
            String url = s.get("url").asText();
            if (!url.startsWith("https://") && !url.startsWith("http://127.0.0.1")
                    && !url.startsWith("http://localhost")) {
                throw new ModelFormatException(where + ".source.url of " + name + " must be an https:// URL");
            }
            source = new ModelSource(ModelSource.Kind.URL, url, path, git, include);
        } else {
            throw new ModelFormatException(where + ".source of " + name + " needs one of \"npm\", \"maven\" or \"url\"");
        }
        if (source.kind() != ModelSource.Kind.URL && (path == null || path.isEmpty())) {
            throw new ModelFormatException(where + ".source.path of " + name + " is missing: it names the file inside the package");
        }
        return new ModelEntry(name, text(n, "task", where), text(n, "format", where), text(n, "license", where),
                n.hasNonNull("description") ? n.get("description").asText() : "", source, sha, size.asLong());
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ModelFormatException(where + "." + field + " is missing");
        }
        return v.asText();
    }

    public List<ModelEntry> all() {
        return List.copyOf(entries.values());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The entry called {@code name}; an unknown name is an error that suggests the closest names. */
    public ModelEntry get(String name) {
        ModelEntry e = entries.get(name);
        if (e == null) {
            List<String> close = entries.keySet().stream()
                    .sorted(Comparator.comparingInt(k -> distance(k, name)))
                    .limit(3).toList();
            throw new UnknownModelException("no model called \"" + name + "\" in the catalog; did you mean "
                    + String.join(", ", close) + "? (`edge4j models list` shows them all)");
        }
        return e;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
