package dev.edge4j.onnx.ir;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ValueType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's attributes, decoded from protobuf: {@code Long}, {@code Float}, {@code String},
 * {@link Tensor}, {@link Graph}, {@link ValueType}, {@code long[]}, {@code float[]},
 * {@code String[]}, and lists of tensors, graphs or types. Getters take a default and fail with
 * a message naming the node and attribute when the type is wrong.
 */
public final class Attributes {
    private final Map<String, Object> values;
    private String owner = "node";

    public Attributes(Map<String, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public static Attributes empty() {
        return new Attributes(Map.of());
    }

    /** Names the node in error messages. */
    public void setOwner(String owner) {
        this.owner = owner;
    }

    /** A copy with {@code name} set to {@code value}. */
    public Attributes with(String name, Object value) {
        Attributes a = new Attributes(values);
        a.values.put(name, value);
        a.owner = owner;
        return a;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public Object get(String name) {
        return values.get(name);
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public long getLong(String name, long dflt) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw wrongType(name, "an integer", v);
    }

    public int getInt(String name, int dflt) {
        long v = getLong(name, dflt);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ModelFormatException(owner + ": attribute '" + name + "' = " + v + " is out of range");
        }
        return (int) v;
    }

    public long requireLong(String name) {
        require(name);
        return getLong(name, 0);
    }

    public float getFloat(String name, float dflt) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Float f) {
            return f;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw wrongType(name, "a float", v);
    }

    public String getString(String name, String dflt) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(name, "a string", v);
    }

    /** An integer list; {@code dflt} (may be null) when absent. */
    public long[] getLongs(String name, long[] dflt) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof long[] l) {
            return l.clone();
        }
        if (v instanceof Long l) {
            return new long[] {l};
        }
        throw wrongType(name, "a list of integers", v);
    }

    /** An integer list narrowed to int; {@code dflt} (may be null) when absent. */
    public int[] getInts(String name, int[] dflt) {
        long[] l = getLongs(name, null);
        if (l == null) {
            return dflt;
        }
        int[] r = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                throw new ModelFormatException(owner + ": attribute '" + name + "' holds " + l[i]
                        + ", out of range");
            }
            r[i] = (int) l[i];
        }
        return r;
    }

    public float[] getFloats(String name, float[] dflt) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof float[] f) {
            return f.clone();
        }
        if (v instanceof Float f) {
            return new float[] {f};
        }
        throw wrongType(name, "a list of floats", v);
    }

    public String[] getStrings(String name, String[] dflt) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String[] s) {
            return s.clone();
        }
        if (v instanceof String s) {
            return new String[] {s};
        }
        throw wrongType(name, "a list of strings", v);
    }

    public Tensor getTensor(String name) {
        Object v = values.get(name);
        if (v == null || v instanceof Tensor) {
            return (Tensor) v;
        }
        throw wrongType(name, "a tensor", v);
    }

    public Graph getGraph(String name) {
        Object v = values.get(name);
        if (v == null || v instanceof Graph) {
            return (Graph) v;
        }
        throw wrongType(name, "a graph", v);
    }

    public ValueType getType(String name) {
        Object v = values.get(name);
        if (v == null || v instanceof ValueType) {
            return (ValueType) v;
        }
        throw wrongType(name, "a type", v);
    }

    /** Every graph held by the attributes (for If, Loop, Scan and friends). */
    public List<Graph> graphs() {
        List<Graph> out = new java.util.ArrayList<>();
        for (Object v : values.values()) {
            if (v instanceof Graph g) {
                out.add(g);
            } else if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Graph g) {
                        out.add(g);
                    }
                }
            }
        }
        return out;
    }

    public void require(String name) {
        if (!values.containsKey(name)) {
            throw new ModelFormatException(owner + " lacks the required attribute '" + name + "'");
        }
    }

    private ModelFormatException wrongType(String name, String expected, Object v) {
        return new ModelFormatException(owner + ": attribute '" + name + "' should be " + expected
                + ", is " + describe(v));
    }

    private static String describe(Object v) {
        return switch (v) {
            case Long l -> "the integer " + l;
            case Float f -> "the float " + f;
            case String s -> "the string '" + s + "'";
            case long[] l -> "a list of " + l.length + " integers";
            case float[] f -> "a list of " + f.length + " floats";
            default -> v.getClass().getSimpleName();
        };
    }
}
