package dev.edge4j.jinja.scope;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names one frame (template root, loop body, macro body, ...) declares and how each gets its
 * value when the frame is entered, as Jinja2's compiler decides them. This is what makes
 * {@code {% set %}} inside a loop invisible after it, and a variable assigned later at top level
 * undefined inside an earlier loop.
 */
public final class Symbols {
    /** How a declared name is initialized when its frame is entered. */
    public enum LoadKind {
        /** Bound by the caller: loop target, macro argument, {@code loop}, {@code caller}. */
        PARAM,
        /** Looked up in the render context (template variables, then globals). */
        RESOLVE,
        /** Copied from the nearest enclosing frame that declares the name. */
        ALIAS,
        /** Starts undefined until assigned. */
        UNDEFINED
    }

    final Symbols parent;
    final Map<String, LoadKind> loads;
    final Set<String> stores;

    Symbols(Symbols parent) {
        this(parent, new LinkedHashMap<>(), new HashSet<>());
    }

    private Symbols(Symbols parent, Map<String, LoadKind> loads, Set<String> stores) {
        this.parent = parent;
        this.loads = loads;
        this.stores = stores;
    }

    Symbols copy() {
        return new Symbols(parent, new LinkedHashMap<>(loads), new HashSet<>(stores));
    }

    /** True when this frame itself declares {@code name}. */
    public boolean declares(String name) {
        return loads.containsKey(name);
    }

    /** The names this frame declares, in declaration order, with how each is initialized. */
    public Map<String, LoadKind> loads() {
        return loads;
    }

    boolean foundInChain(String name) {
        for (Symbols s = this; s != null; s = s.parent) {
            if (s.loads.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    void store(String name) {
        stores.add(name);
        if (!loads.containsKey(name)) {
            if (parent != null && parent.foundInChain(name)) {
                loads.put(name, LoadKind.ALIAS);
            } else {
                loads.put(name, LoadKind.UNDEFINED);
            }
        }
    }

    void declareParameter(String name) {
        stores.add(name);
        loads.put(name, LoadKind.PARAM);
    }

    void load(String name) {
        if (!foundInChain(name)) {
            loads.put(name, LoadKind.RESOLVE);
        }
    }

    /**
     * Merges the branches of an if statement: a name first assigned in a branch starts with its
     * value from an enclosing frame or the context (Jinja2 3.1.5 and later; older versions started
     * it undefined when every branch assigned it, which shows only when a branch reads it first).
     */
    void branchUpdate(List<Symbols> branches) {
        Set<String> assigned = new java.util.LinkedHashSet<>();
        for (Symbols b : branches) {
            assigned.addAll(b.stores);
        }
        assigned.removeAll(stores);
        for (Symbols b : branches) {
            loads.putAll(b.loads);
            stores.addAll(b.stores);
        }
        for (String name : assigned) {
            if (parent != null && parent.foundInChain(name)) {
                loads.put(name, LoadKind.ALIAS);
            } else {
                loads.put(name, LoadKind.RESOLVE);
            }
        }
    }
}
