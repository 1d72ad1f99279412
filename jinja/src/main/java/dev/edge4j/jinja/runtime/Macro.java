package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.scope.Symbols;
import dev.edge4j.jinja.syntax.Expr;
import dev.edge4j.jinja.syntax.Stmt;
import dev.edge4j.jinja.value.PyAttrs;
import dev.edge4j.jinja.value.PyCallable;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@code {% macro %}} (or the body of a call block, passed as {@code caller}) bound to its frame. */
final class Macro implements PyCallable, PyAttrs {
    private final Interpreter in;
    private final String name;
    private final List<String> arguments;
    private final List<Expr> defaults;
    private final List<Stmt> body;
    private final Symbols symbols;
    private final Frame closure;
    private final boolean catchKwargs;
    private final boolean catchVarargs;
    private final boolean accessesCaller;

    Macro(Interpreter in, String name, List<Expr.Name> args, List<Expr> defaults, List<Stmt> body,
            Symbols symbols, Set<String> special, Frame closure) {
        this.in = in;
        this.name = name;
        this.arguments = args.stream().map(Expr.Name::name).toList();
        this.defaults = defaults;
        this.body = body;
        this.symbols = symbols;
        this.closure = closure;
        this.catchKwargs = special.contains("kwargs");
        this.catchVarargs = special.contains("varargs");
        this.accessesCaller = special.contains("caller");
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargsIn) {
        Map<String, Object> kwargs = new LinkedHashMap<>(kwargsIn);
        int count = arguments.size();
        List<Object> values = new ArrayList<>(args.subList(0, Math.min(args.size(), count)));
        boolean foundCaller = false;
        if (values.size() != count) {
            for (String arg : arguments.subList(values.size(), count)) {
                Object v = kwargs.containsKey(arg) ? kwargs.remove(arg) : Frame.MISSING;
                if (arg.equals("caller")) {
                    foundCaller = true;
                }
                values.add(v);
            }
        } else {
            foundCaller = arguments.contains("caller");
        }
        Object caller = null;
        if (accessesCaller && !foundCaller) {
            caller = kwargs.remove("caller");
            if (caller == null) {
                caller = Undefined.hint("No caller defined");
            }
        }
        if (!catchKwargs && !kwargs.isEmpty()) {
            if (kwargs.containsKey("caller")) {
                throw PyError.typeError("macro '" + name + "' was invoked with two values for the special caller"
                        + " argument. This is most likely a bug.");
            }
            throw PyError.typeError("macro '" + name + "' takes no keyword argument '" + kwargs.keySet().iterator().next() + "'");
        }
        if (!catchVarargs && args.size() > count) {
            throw PyError.typeError("macro '" + name + "' takes not more than " + count + " argument(s)");
        }
        in.step();
        Frame frame = new Frame(closure, symbols);
        for (int i = 0; i < count; i++) {
            frame.vars.put(arguments.get(i), values.get(i));
        }
        if (accessesCaller && !foundCaller) {
            frame.vars.put("caller", caller);
        }
        if (catchKwargs) {
            frame.vars.put("kwargs", new LinkedHashMap<Object, Object>(kwargs));
        }
        if (catchVarargs) {
            frame.vars.put("varargs", new PyTuple(args.size() > count ? args.subList(count, args.size()) : List.of()));
        }
        in.enter(frame);
        for (int i = 0; i < count; i++) {
            String arg = arguments.get(i);
            if (frame.vars.get(arg) == Frame.MISSING) {
                int d = i - (count - defaults.size());
                frame.vars.put(arg, d >= 0 ? in.eval(defaults.get(d), frame)
                        : Undefined.hint("parameter '" + arg + "' was not provided"));
            }
        }
        StringBuilder out = new StringBuilder();
        in.exec(body, frame, out);
        return out.toString();
    }

    @Override
    public Object attr(String attr) {
        return switch (attr) {
            case "name" -> name;
            case "arguments" -> new PyTuple(new ArrayList<>(arguments));
            case "catch_kwargs" -> catchKwargs;
            case "catch_varargs" -> catchVarargs;
            case "caller" -> accessesCaller;
            default -> ABSENT;
        };
    }

    @Override
    public String typeName() {
        return "Macro";
    }

    @Override
    public String module() {
        return "jinja2.runtime";
    }

    @Override
    public String str() {
        return "<Macro " + (name == null ? "anonymous" : "'" + name + "'") + ">";
    }
}
