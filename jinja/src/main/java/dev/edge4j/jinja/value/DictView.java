package dev.edge4j.jinja.value;

import java.util.Map;

/** {@code dict.items()}, {@code dict.keys()} or {@code dict.values()}: a live view of a dict. */
public record DictView(Kind kind, Map<Object, Object> map) {
    public enum Kind { ITEMS, KEYS, VALUES }

    public String typeName() {
        return switch (kind) {
            case ITEMS -> "dict_items";
            case KEYS -> "dict_keys";
            case VALUES -> "dict_values";
        };
    }
}
