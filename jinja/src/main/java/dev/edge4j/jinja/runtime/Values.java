package dev.edge4j.jinja.runtime;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.jinja.python.PyNum;
import dev.edge4j.jinja.value.Markup;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts caller values (Maps, Lists, Strings, Numbers, Booleans, null) into the interpreter's
 * Python-like values: a deep, mutable copy, so a template can never change the caller's data.
 */
public final class Values {
    private Values() {}

    public static Object fromJava(Object v, String path) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger b -> PyNum.norm(b);
            case Double d -> d;
            case Float f -> (double) f;
            case BigDecimal d -> d.doubleValue();
            case Character c -> String.valueOf(c);
            case CharSequence cs -> cs.toString();
            case Markup m -> m;
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Object key = fromJava(e.getKey(), path);
                    out.put(key, fromJava(e.getValue(), path + "." + e.getKey()));
                }
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                int i = 0;
                for (Object x : c) {
                    out.add(fromJava(x, path + "[" + i++ + "]"));
                }
                yield out;
            }
            case Object[] arr -> fromJava(java.util.Arrays.asList(arr), path);
            default -> throw new InvalidInputException("chat template variable " + path + " has a value of type "
                    + v.getClass().getName() + "; use Maps, Lists, Strings, Numbers, Booleans or null");
        };
    }
}
