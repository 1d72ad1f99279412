package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.scope.Symbols;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables of one running frame (template root, loop iteration, macro call, ...). Which names
 * live here is decided statically by {@link Symbols}; a read walks out to the nearest frame that
 * declares the name, a write always lands in the current frame.
 */
final class Frame {
    /** A declared name that has no value yet (reads give Undefined). */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "missing";
        }
    };

    final Frame parent;
    final Symbols symbols;
    final Map<String, Object> vars = new HashMap<>();

    Frame(Frame parent, Symbols symbols) {
        this.parent = parent;
        this.symbols = symbols;
    }

    /** The nearest frame, from this one outwards, that declares {@code name}; null if none does. */
    Frame declaring(String name) {
        for (Frame f = this; f != null; f = f.parent) {
            if (f.symbols != null && f.symbols.declares(name)) {
                return f;
            }
        }
        return null;
    }

    Object get(String name) {
        return vars.getOrDefault(name, MISSING);
    }
}
