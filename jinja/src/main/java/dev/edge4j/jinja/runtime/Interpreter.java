package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyArith;
import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.python.PySlice;
import dev.edge4j.jinja.scope.Analysis;
import dev.edge4j.jinja.scope.Symbols;
import dev.edge4j.jinja.syntax.Expr;
import dev.edge4j.jinja.syntax.Stmt;
import dev.edge4j.jinja.value.Namespace;
import dev.edge4j.jinja.value.PyCallable;
import dev.edge4j.jinja.value.PyIterator;
import dev.edge4j.jinja.value.PySliceObject;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Runs a parsed template against one render context, statement by statement. */
public final class Interpreter {
    /** How a run of statements ended: normally, or by {@code break} / {@code continue}. */
    enum Flow { NORMAL, BREAK, CONTINUE }

    /**
     * Guards against templates that never finish: Jinja2 has no such limit, but no real chat
     * template comes near it (they loop over messages and tools).
     */
    static final long MAX_STEPS = 10_000_000;
    /** The longest prompt a render may produce, in chars. */
    static final int MAX_OUTPUT = 64 << 20;

    private final Analysis analysis;
    private final Map<String, Object> context;
    private long steps;

    /**
     * @param context the render variables over the globals; values already converted to the
     *                interpreter's value types
     */
    public Interpreter(Analysis analysis, Map<String, Object> context) {
        this.analysis = analysis;
        this.context = context;
    }

    public String render(List<Stmt> body) {
        Frame root = new Frame(null, analysis.root());
        enter(root);
        StringBuilder out = new StringBuilder();
        exec(body, root, out);
        return out.toString();
    }

    /** Counts a loop iteration or macro call against {@link #MAX_STEPS}. */
    void step() {
        if (++steps > MAX_STEPS) {
            throw new PyError("RenderLimitError", "the template ran more than " + MAX_STEPS
                    + " loop iterations and macro calls; it looks like it never ends");
        }
    }

    private static void checkOutput(StringBuilder out) {
        if (out.length() > MAX_OUTPUT) {
            throw new PyError("RenderLimitError", "the template produced more than " + MAX_OUTPUT + " characters");
        }
    }

    // ---- frames and names

    void enter(Frame f) {
        for (Map.Entry<String, Symbols.LoadKind> e : f.symbols.loads().entrySet()) {
            String name = e.getKey();
            switch (e.getValue()) {
                case PARAM -> { }
                case RESOLVE -> f.vars.put(name, resolve(name));
                case ALIAS -> {
                    Frame d = f.parent == null ? null : f.parent.declaring(name);
                    f.vars.put(name, d == null ? Frame.MISSING : d.get(name));
                }
                case UNDEFINED -> f.vars.put(name, Frame.MISSING);
            }
        }
    }

    private Object resolve(String name) {
        return context.containsKey(name) ? context.get(name) : Frame.MISSING;
    }

    private Object load(Frame f, String name) {
        Frame d = f.declaring(name);
        Object v = d != null ? d.get(name) : resolve(name);
        return v == Frame.MISSING ? Undefined.name(name) : v;
    }

    private void assign(Expr target, Object value, Frame f) {
        switch (target) {
            case Expr.Name n -> f.vars.put(n.name(), value);
            case Expr.TupleExpr t -> {
                List<Object> parts = PyOps.unpack(value, t.items().size());
                for (int i = 0; i < parts.size(); i++) {
                    assign(t.items().get(i), parts.get(i), f);
                }
            }
            default -> throw new PyError("TemplateRuntimeError", "cannot assign to " + target);
        }
    }

    // ---- statements

    Flow exec(List<Stmt> body, Frame f, StringBuilder out) {
        for (Stmt s : body) {
            Flow flow;
            try {
                flow = exec(s, f, out);
            } catch (PyError e) {
                throw e.atLine(s.line());
            }
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow exec(Stmt s, Frame f, StringBuilder out) {
        switch (s) {
            case Stmt.Output o -> {
                for (Expr node : o.nodes()) {
                    if (node instanceof Expr.TemplateData d) {
                        out.append(d.data());
                    } else {
                        out.append(PyRepr.str(eval(node, f)));
                    }
                }
                checkOutput(out);
            }
            case Stmt.If i -> {
                if (PyOps.truthy(eval(i.test(), f))) {
                    return exec(i.body(), f, out);
                }
                for (Stmt.If elif : i.elifs()) {
                    if (PyOps.truthy(eval(elif.test(), f))) {
                        return exec(elif.body(), f, out);
                    }
                }
                return exec(i.elseBody(), f, out);
            }
            case Stmt.For loop -> {
                return execFor(loop, f, out);
            }
            case Stmt.Assign a -> {
                if (a.target() instanceof Expr.NsRef ref) {
                    Frame d = f.declaring(ref.name());
                    Object ns = d != null ? d.get(ref.name()) : resolve(ref.name());
                    if (!(ns instanceof Namespace n)) {
                        throw new PyError("TemplateRuntimeError", "cannot assign attribute on non-namespace object");
                    }
                    n.attrs().put(ref.attr(), eval(a.value(), f));
                } else {
                    assign(a.target(), eval(a.value(), f), f);
                }
            }
            case Stmt.AssignBlock ab -> {
                Frame inner = new Frame(f, analysis.frame(ab));
                enter(inner);
                StringBuilder captured = new StringBuilder();
                exec(ab.body(), inner, captured);
                Object value = captured.toString();
                if (ab.filter() != null) {
                    value = filter(ab.filter(), value, inner);
                }
                assign(ab.target(), value, f);
            }
            case Stmt.Macro m -> f.vars.put(m.name(), new Macro(this, m.name(), m.args(), m.defaults(), m.body(),
                    analysis.frame(m), analysis.specialParams(m), f));
            case Stmt.CallBlock c -> {
                Macro caller = new Macro(this, null, c.args(), c.defaults(), c.body(), analysis.frame(c),
                        analysis.specialParams(c), f);
                Object result = c.call() == null ? caller.call(List.of(), Map.of()) : call(c.call(), f, caller);
                out.append(PyRepr.str(result));
            }
            case Stmt.FilterBlock fb -> {
                Frame inner = new Frame(f, analysis.frame(fb));
                enter(inner);
                StringBuilder captured = new StringBuilder();
                Flow flow = exec(fb.body(), inner, captured);
                if (flow != Flow.NORMAL) {
                    out.append(captured);
                    return flow;
                }
                out.append(PyRepr.str(filter(fb.filter(), captured.toString(), inner)));
            }
            case Stmt.With w -> {
                Frame inner = new Frame(f, analysis.frame(w));
                enter(inner);
                for (int i = 0; i < w.targets().size(); i++) {
                    assign(w.targets().get(i), eval(w.values().get(i), f), inner);
                }
                return exec(w.body(), inner, out);
            }
            case Stmt.Block b -> {
                Frame inner = new Frame(f, analysis.frame(b));
                enter(inner);
                return exec(b.body(), inner, out);
            }
            case Stmt.Break b -> {
                return Flow.BREAK;
            }
            case Stmt.Continue c -> {
                return Flow.CONTINUE;
            }
            case Stmt.NeedsLoader n -> throw PyError.typeError("no loader for this environment specified");
        }
        return Flow.NORMAL;
    }

    private Flow execFor(Stmt.For node, Frame outer, StringBuilder out) {
        Object iterable = eval(node.iter(), outer);
        if (node.recursive()) {
            LoopContext.Recurse[] recurse = new LoopContext.Recurse[1];
            recurse[0] = (items, depth0) -> {
                StringBuilder b = new StringBuilder();
                runLoop(node, outer, items, depth0, recurse[0], b);
                return b.toString();
            };
            out.append(recurse[0].render(iterable, 0));
            return Flow.NORMAL;
        }
        return runLoop(node, outer, iterable, 0, null, out);
    }

    private Flow runLoop(Stmt.For node, Frame outer, Object iterable, int depth0, LoopContext.Recurse recurse,
            StringBuilder out) {
        Iterator<Object> it = PyOps.iterate(iterable);
        Object sized = iterable;
        if (node.test() != null) {
            it = new PyIterator(filtered(node, outer, it), "generator");
            sized = it;
        }
        LoopContext loop = new LoopContext(sized, it, depth0, recurse);
        Symbols symbols = analysis.frame(node);
        boolean noIteration = true;
        while (loop.hasNext()) {
            step();
            Object item = loop.next();
            Frame frame = new Frame(outer, symbols);
            assign(node.target(), item, frame);
            frame.vars.put("loop", loop);
            enter(frame);
            Flow flow = exec(node.body(), frame, out);
            if (flow == Flow.BREAK) {
                break;
            }
            if (flow == Flow.CONTINUE) {
                continue;
            }
            noIteration = false;
        }
        if (noIteration && !node.elseBody().isEmpty()) {
            Frame frame = new Frame(outer, analysis.loopElse(node));
            enter(frame);
            return exec(node.elseBody(), frame, out);
        }
        return Flow.NORMAL;
    }

    /** The items of a {@code for x in y if test} loop, tested lazily as the loop advances. */
    private Iterator<Object> filtered(Stmt.For node, Frame outer, Iterator<Object> source) {
        Frame frame = new Frame(outer, analysis.loopTest(node));
        enter(frame);
        return new Iterator<>() {
            private Object pending;
            private boolean has;

            @Override
            public boolean hasNext() {
                while (!has && source.hasNext()) {
                    Object item = source.next();
                    assign(node.target(), item, frame);
                    if (PyOps.truthy(eval(node.test(), frame))) {
                        pending = node.target() instanceof Expr.TupleExpr t ? targetTuple(t, frame) : item;
                        has = true;
                    }
                }
                return has;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                has = false;
                return pending;
            }
        };
    }

    private PyTuple targetTuple(Expr.TupleExpr t, Frame f) {
        List<Object> items = new ArrayList<>();
        for (Expr e : t.items()) {
            items.add(e instanceof Expr.TupleExpr inner ? targetTuple(inner, f) : f.get(((Expr.Name) e).name()));
        }
        return new PyTuple(items);
    }

    // ---- expressions

    Object eval(Expr e, Frame f) {
        try {
            return evalNode(e, f);
        } catch (PyError err) {
            throw err.atLine(e.line());
        }
    }

    private Object evalNode(Expr e, Frame f) {
        return switch (e) {
            case Expr.Const c -> c.value();
            case Expr.TemplateData d -> d.data();
            case Expr.Name n -> load(f, n.name());
            case Expr.TupleExpr t -> new PyTuple(evalAll(t.items(), f));
            case Expr.ListExpr l -> evalAll(l.items(), f);
            case Expr.DictExpr d -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < d.keys().size(); i++) {
                    Object k = eval(d.keys().get(i), f);
                    Object v = eval(d.values().get(i), f);
                    PyOps.checkHashable(k);
                    // A repeated key (1, 1.0 and True are one key in Python) keeps its first spelling.
                    Object existing = map.keySet().stream().filter(x -> PyOps.eq(x, k)).findFirst().orElse(k);
                    map.put(existing, v);
                }
                yield map;
            }
            case Expr.GetAttr g -> Members.getattr(eval(g.node(), f), g.attr());
            case Expr.GetItem g -> {
                Object obj = eval(g.node(), f);
                if (g.arg() instanceof Expr.Slice s) {
                    Object start = s.start() == null ? null : eval(s.start(), f);
                    Object stop = s.stop() == null ? null : eval(s.stop(), f);
                    Object step = s.step() == null ? null : eval(s.step(), f);
                    if (isConstant(g.node()) && isConstant(s.start()) && isConstant(s.stop()) && isConstant(s.step())) {
                        // Jinja folds a constant subscript at compile time, through the forgiving getitem.
                        try {
                            yield PySlice.slice(obj, start, stop, step);
                        } catch (PyError err) {
                            yield Undefined.member(obj, new PySliceObject(start, stop, step));
                        }
                    }
                    if (obj instanceof Map) {
                        throw PyError.typeError("unhashable type: 'slice'");
                    }
                    yield PySlice.slice(obj, start, stop, step);
                }
                yield Members.getitem(obj, eval(g.arg(), f));
            }
            case Expr.Slice s -> throw PyError.typeError("slices are only supported inside subscripts");
            case Expr.NsRef n -> throw new PyError("TemplateRuntimeError", "namespace reference outside assignment");
            case Expr.Call c -> call(c, f, null);
            case Expr.Filter fl -> filter(fl, eval(fl.node(), f), f);
            case Expr.Test t -> test(t, f);
            case Expr.CondExpr c -> {
                if (PyOps.truthy(eval(c.test(), f))) {
                    yield eval(c.expr1(), f);
                }
                yield c.expr2() != null ? eval(c.expr2(), f) : Undefined.hint("the inline if-expression on line "
                        + c.line() + " evaluated to false and no else section was defined.");
            }
            case Expr.Binary b -> binary(b, f);
            case Expr.Unary u -> switch (u.op()) {
                case NOT -> !PyOps.truthy(eval(u.operand(), f));
                case NEG -> PyArith.neg(eval(u.operand(), f));
                case POS -> PyArith.pos(eval(u.operand(), f));
            };
            case Expr.Concat c -> {
                StringBuilder b = new StringBuilder();
                for (Expr n : c.nodes()) {
                    b.append(PyRepr.str(eval(n, f)));
                }
                yield b.toString();
            }
            case Expr.Compare c -> compare(c, f);
        };
    }

    /** A literal, or a list, tuple or dict of literals (what Jinja's optimizer can fold). */
    private static boolean isConstant(Expr e) {
        return switch (e) {
            case null -> true;
            case Expr.Const c -> true;
            case Expr.ListExpr l -> l.items().stream().allMatch(Interpreter::isConstant);
            case Expr.TupleExpr t -> t.items().stream().allMatch(Interpreter::isConstant);
            case Expr.DictExpr d -> d.keys().stream().allMatch(Interpreter::isConstant)
                    && d.values().stream().allMatch(Interpreter::isConstant);
            default -> false;
        };
    }

    private List<Object> evalAll(List<Expr> items, Frame f) {
        List<Object> out = new ArrayList<>(items.size());
        for (Expr x : items) {
            out.add(eval(x, f));
        }
        return out;
    }

    private Object binary(Expr.Binary b, Frame f) {
        Object left = eval(b.left(), f);
        switch (b.op()) {
            case AND -> {
                return PyOps.truthy(left) ? eval(b.right(), f) : left;
            }
            case OR -> {
                return PyOps.truthy(left) ? left : eval(b.right(), f);
            }
            default -> { }
        }
        Object right = eval(b.right(), f);
        return switch (b.op()) {
            case ADD -> PyArith.add(left, right);
            case SUB -> PyArith.sub(left, right);
            case MUL -> PyArith.mul(left, right);
            case DIV -> PyArith.div(left, right);
            case FLOORDIV -> PyArith.floorDiv(left, right);
            case MOD -> PyArith.mod(left, right);
            case POW -> PyArith.pow(left, right);
            default -> throw new IllegalStateException(b.op().toString());
        };
    }

    private Object compare(Expr.Compare c, Frame f) {
        Object left = eval(c.expr(), f);
        for (Expr.Operand op : c.ops()) {
            Object right = eval(op.expr(), f);
            boolean ok = switch (op.op()) {
                case "eq" -> PyOps.eq(left, right);
                case "ne" -> !PyOps.eq(left, right);
                case "lt" -> PyOps.compare("<", left, right);
                case "lteq" -> PyOps.compare("<=", left, right);
                case "gt" -> PyOps.compare(">", left, right);
                case "gteq" -> PyOps.compare(">=", left, right);
                case "in" -> PyOps.contains(right, left);
                default -> !PyOps.contains(right, left);
            };
            if (!ok) {
                return false;
            }
            left = right;
        }
        return true;
    }

    /** Evaluated call arguments. */
    record CallArgs(List<Object> args, Map<String, Object> kwargs) {}

    private CallArgs args(Expr.Args a, Frame f) {
        List<Object> args = evalAll(a.args(), f);
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Expr.Keyword k : a.kwargs()) {
            kwargs.put(k.key(), eval(k.value(), f));
        }
        if (a.dynArgs() != null) {
            PyOps.iterate(eval(a.dynArgs(), f)).forEachRemaining(args::add);
        }
        if (a.dynKwargs() != null) {
            Object m = eval(a.dynKwargs(), f);
            if (!(m instanceof Map<?, ?> map)) {
                throw PyError.typeError("argument after ** must be a mapping, not " + PyRepr.typeName(m));
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = PyOps.text(e.getKey());
                if (key == null) {
                    throw PyError.typeError("keywords must be strings");
                }
                if (kwargs.containsKey(key)) {
                    throw PyError.typeError("got multiple values for keyword argument '" + key + "'");
                }
                kwargs.put(key, e.getValue());
            }
        }
        return new CallArgs(args, kwargs);
    }

    private Object call(Expr.Call c, Frame f, Macro caller) {
        Object callee = eval(c.node(), f);
        CallArgs a = args(c.args(), f);
        if (caller != null) {
            a.kwargs().put("caller", caller);
        }
        return call(callee, a.args(), a.kwargs());
    }

    /** Calls any template-callable value with Python's errors for the rest. */
    public Object call(Object callee, List<Object> args, Map<String, Object> kwargs) {
        if (callee instanceof Undefined u) {
            throw u.fail();
        }
        if (callee instanceof PyCallable c) {
            return c.call(args, kwargs);
        }
        throw PyError.typeError("'" + PyRepr.typeName(callee) + "' object is not callable");
    }

    private Object filter(Expr.Filter node, Object value, Frame f) {
        CallArgs a = args(node.args(), f);
        return applyFilter(node.name(), value, a.args(), a.kwargs());
    }

    /** Applies the filter {@code name} (also used by {@code map}). */
    public Object applyFilter(String name, Object value, List<Object> args, Map<String, Object> kwargs) {
        Filters.Filter fn = Filters.get(name);
        if (fn == null) {
            throw new PyError("TemplateRuntimeError", "No filter named '" + name + "' found.");
        }
        return fn.apply(this, value, args, kwargs);
    }

    private Object test(Expr.Test node, Frame f) {
        Object value = eval(node.node(), f);
        CallArgs a = args(node.args(), f);
        return applyTest(node.name(), value, a.args(), a.kwargs());
    }

    /** Applies the test {@code name} (also used by {@code select} and {@code reject}). */
    public boolean applyTest(String name, Object value, List<Object> args, Map<String, Object> kwargs) {
        Tests.Test t = Tests.get(name);
        if (t == null) {
            throw new PyError("TemplateRuntimeError", "No test named '" + name + "' found.");
        }
        return t.test(this, value, args, kwargs);
    }
}
