package dev.edge4j.onnx.ops;

import dev.edge4j.onnx.UnsupportedOpException;
import dev.edge4j.onnx.ir.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Operator factories by domain and op type. {@link #standard()} holds every family found on the
 * class path; a factory reads the node's opset version itself where an operator changed over
 * versions.
 */
public final class OpRegistry {
    private static volatile OpRegistry standard;

    private final Map<String, OpFactory> factories = new HashMap<>();

    /** The registry with every {@link OpFamily} the ServiceLoader finds. */
    public static OpRegistry standard() {
        OpRegistry r = standard;
        if (r == null) {
            synchronized (OpRegistry.class) {
                r = standard;
                if (r == null) {
                    r = new OpRegistry();
                    for (OpFamily f : ServiceLoader.load(OpFamily.class, OpRegistry.class.getClassLoader())) {
                        f.register(r);
                    }
                    standard = r;
                }
            }
        }
        return r;
    }

    /** Registers an operator of the default ONNX domain. */
    public void insert(String opType, OpFactory factory) {
        insert("", opType, factory);
    }

    public void insert(String domain, String opType, OpFactory factory) {
        if (factories.put(key(domain, opType), factory) != null) {
            throw new IllegalStateException("operator " + key(domain, opType) + " registered twice");
        }
    }

    public boolean supports(String domain, String opType) {
        return factories.containsKey(key(domain, opType));
    }

    /** Builds a node's op, or says which operator, node and opset are not supported. */
    public Op create(OpSpec spec) {
        Node n = spec.node();
        OpFactory f = factories.get(key(n.domain(), n.opType()));
        if (f == null) {
            throw new UnsupportedOpException("operator " + (n.domain().isEmpty() ? "" : n.domain() + ".")
                    + n.opType() + " (opset " + n.opset() + ") used by " + n.describe()
                    + " is not supported");
        }
        return f.create(spec);
    }

    /** Every registered operator, "domain:Op" sorted. */
    public TreeSet<String> names() {
        return new TreeSet<>(factories.keySet());
    }

    private static String key(String domain, String opType) {
        return (domain.equals("ai.onnx") ? "" : domain) + ":" + opType;
    }
}
