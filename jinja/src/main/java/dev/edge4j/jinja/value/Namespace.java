package dev.edge4j.jinja.value;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code namespace(...)}: the one object whose attributes a template may assign across scopes. */
public final class Namespace {
    private final Map<String, Object> attrs = new LinkedHashMap<>();

    public Map<String, Object> attrs() {
        return attrs;
    }
}
