package dev.edge4j.gguf;

import dev.edge4j.core.ModelFormatException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The key-value metadata of a GGUF file, in file order. The typed getters fail with a
 * {@link ModelFormatException} that names the file and the key when a key is missing or holds
 * another type; the getters with a default return it when the key is absent.
 */
public final class GgufMetadata {
    private final String source;
    private final Map<String, GgufValue> values;

    GgufMetadata(String source, Map<String, GgufValue> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The file (or other source) this metadata came from, as used in error messages. */
    public String source() {
        return source;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public int size() {
        return values.size();
    }

    /** Every key and value, in file order (unmodifiable). */
    public Map<String, GgufValue> asMap() {
        return values;
    }

    public Optional<GgufValue> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of {@code key}; fails naming the file and key if it is missing. */
    public GgufValue get(String key) {
        GgufValue v = values.get(key);
        if (v == null) {
            throw new ModelFormatException(source + ": metadata key '" + key + "' is missing");
        }
        return v;
    }

    public String getString(String key) {
        return convert(key, GgufValue::asString);
    }

    public String getString(String key, String fallback) {
        return contains(key) ? getString(key) : fallback;
    }

    public long getLong(String key) {
        return convert(key, GgufValue::asLong);
    }

    public int getInt(String key) {
        return convert(key, GgufValue::asInt);
    }

    public int getInt(String key, int fallback) {
        return contains(key) ? getInt(key) : fallback;
    }

    public float getFloat(String key) {
        return convert(key, GgufValue::asFloat);
    }

    public float getFloat(String key, float fallback) {
        return contains(key) ? getFloat(key) : fallback;
    }

    public double getDouble(String key) {
        return convert(key, GgufValue::asDouble);
    }

    public boolean getBoolean(String key) {
        return convert(key, GgufValue::asBoolean);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return contains(key) ? getBoolean(key) : fallback;
    }

    public List<String> getStringList(String key) {
        return convert(key, GgufValue::asStringList);
    }

    public float[] getFloatArray(String key) {
        return convert(key, GgufValue::asFloatArray);
    }

    public int[] getIntArray(String key) {
        return convert(key, GgufValue::asIntArray);
    }

    public long[] getLongArray(String key) {
        return convert(key, GgufValue::asLongArray);
    }

    private <T> T convert(String key, Function<GgufValue, T> how) {
        GgufValue v = get(key);
        try {
            return how.apply(v);
        } catch (IllegalStateException e) {
            throw new ModelFormatException(source + ": metadata key '" + key + "' " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "GgufMetadata(" + source + ", " + values.size() + " keys)";
    }
}
