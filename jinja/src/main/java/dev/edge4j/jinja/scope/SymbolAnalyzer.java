package dev.edge4j.jinja.scope;

import dev.edge4j.jinja.syntax.Expr;
import dev.edge4j.jinja.syntax.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Works out every frame's symbols the way Jinja2's compiler does (its {@code idtracking}): a
 * frame's own statements are walked in order, loads before stores in an assignment, if-branches
 * merged, nested frames analyzed afterwards with this frame as their parent.
 */
final class SymbolAnalyzer {
    private final Analysis analysis = new Analysis();

    static Analysis analyze(List<Stmt> body) {
        SymbolAnalyzer a = new SymbolAnalyzer();
        Symbols root = new Symbols(null);
        new FrameVisitor(root).stmts(body);
        a.analysis.root = root;
        a.nested(body, root);
        return a.analysis;
    }

    /** Analyzes the frames opened inside {@code body}, whose own frame is {@code frame}. */
    private void nested(List<Stmt> body, Symbols frame) {
        for (Stmt s : body) {
            nested(s, frame);
        }
    }

    private void nested(Stmt s, Symbols frame) {
        switch (s) {
            case Stmt.For f -> {
                Symbols loop = new Symbols(frame);
                loop.declareParameter("loop");
                FrameVisitor v = new FrameVisitor(loop);
                v.expr(f.target(), true);
                v.stmts(f.body());
                analysis.frames.put(f, loop);
                nested(f.body(), loop);
                if (!f.elseBody().isEmpty()) {
                    Symbols els = new Symbols(frame);
                    new FrameVisitor(els).stmts(f.elseBody());
                    analysis.loopElse.put(f, els);
                    nested(f.elseBody(), els);
                }
                if (f.test() != null) {
                    Symbols test = new Symbols(frame);
                    FrameVisitor tv = new FrameVisitor(test);
                    tv.expr(f.target(), true);
                    tv.expr(f.test(), false);
                    analysis.loopTest.put(f, test);
                }
            }
            case Stmt.If i -> {
                nested(i.body(), frame);
                for (Stmt.If elif : i.elifs()) {
                    nested(elif, frame);
                }
                nested(i.elseBody(), frame);
            }
            case Stmt.Macro m -> macroFrame(m, m.args(), m.defaults(), m.body(), frame);
            case Stmt.CallBlock c -> macroFrame(c, c.args(), c.defaults(), c.body(), frame);
            case Stmt.FilterBlock fb -> {
                Symbols inner = new Symbols(frame);
                FrameVisitor v = new FrameVisitor(inner);
                v.stmts(fb.body());
                v.expr(fb.filter(), false);
                analysis.frames.put(fb, inner);
                nested(fb.body(), inner);
            }
            case Stmt.AssignBlock ab -> {
                Symbols inner = new Symbols(frame);
                new FrameVisitor(inner).stmts(ab.body());
                analysis.frames.put(ab, inner);
                nested(ab.body(), inner);
            }
            case Stmt.With w -> {
                Symbols inner = new Symbols(frame);
                FrameVisitor v = new FrameVisitor(inner);
                for (Expr t : w.targets()) {
                    v.expr(t, false);
                }
                v.stmts(w.body());
                analysis.frames.put(w, inner);
                nested(w.body(), inner);
            }
            case Stmt.Block b -> {
                Symbols inner = new Symbols(frame);
                new FrameVisitor(inner).stmts(b.body());
                analysis.frames.put(b, inner);
                nested(b.body(), inner);
            }
            default -> { }
        }
    }

    private void macroFrame(Stmt node, List<Expr.Name> args, List<Expr> defaults, List<Stmt> body, Symbols frame) {
        Symbols inner = new Symbols(frame);
        FrameVisitor v = new FrameVisitor(inner);
        for (Expr.Name a : args) {
            v.expr(a, false);
        }
        for (Expr d : defaults) {
            v.expr(d, false);
        }
        v.stmts(body);
        Set<String> argNames = new HashSet<>();
        args.forEach(a -> argNames.add(a.name()));
        Set<String> undeclared = Undeclared.find(body, Set.of("caller", "kwargs", "varargs"));
        Set<String> special = new LinkedHashSet<>();
        if (undeclared.contains("caller") && !argNames.contains("caller")) {
            special.add("caller");
        }
        if (undeclared.contains("kwargs") && !argNames.contains("kwargs")) {
            special.add("kwargs");
        }
        if (undeclared.contains("varargs") && !argNames.contains("varargs")) {
            special.add("varargs");
        }
        special.forEach(inner::declareParameter);
        analysis.frames.put(node, inner);
        analysis.specialParams.put(node, special);
        nested(body, inner);
    }

    /** Jinja's FrameSymbolVisitor: records the loads and stores of one frame's own code. */
    private static final class FrameVisitor {
        private Symbols symbols;

        FrameVisitor(Symbols symbols) {
            this.symbols = symbols;
        }

        void stmts(List<? extends Stmt> body) {
            for (Stmt s : body) {
                stmt(s);
            }
        }

        void stmt(Stmt s) {
            switch (s) {
                case Stmt.Output o -> o.nodes().forEach(n -> expr(n, false));
                case Stmt.For f -> expr(f.iter(), false);
                case Stmt.If i -> visitIf(i);
                case Stmt.Macro m -> symbols.store(m.name());
                case Stmt.CallBlock c -> {
                    if (c.call() != null) {
                        expr(c.call(), false);
                    }
                }
                case Stmt.FilterBlock fb -> expr(fb.filter(), false);
                case Stmt.With w -> w.values().forEach(v -> expr(v, false));
                case Stmt.Assign a -> {
                    expr(a.value(), false);
                    expr(a.target(), false);
                }
                case Stmt.AssignBlock ab -> expr(ab.target(), false);
                default -> { }
            }
        }

        private void visitIf(Stmt.If i) {
            expr(i.test(), false);
            Symbols original = symbols;
            List<Symbols> branches = new ArrayList<>();
            symbols = original.copy();
            stmts(i.body());
            branches.add(symbols);
            symbols = original.copy();
            i.elifs().forEach(this::visitIf);
            branches.add(symbols);
            symbols = original.copy();
            stmts(i.elseBody());
            branches.add(symbols);
            symbols = original;
            symbols.branchUpdate(branches);
        }

        void expr(Expr e, boolean storeAsParam) {
            if (e == null) {
                return;
            }
            switch (e) {
                case Expr.Name n -> {
                    if (storeAsParam || n.ctx() == Expr.Ctx.PARAM) {
                        symbols.declareParameter(n.name());
                    } else if (n.ctx() == Expr.Ctx.STORE) {
                        symbols.store(n.name());
                    } else {
                        symbols.load(n.name());
                    }
                }
                case Expr.NsRef n -> symbols.load(n.name());
                case Expr.TupleExpr t -> t.items().forEach(i -> expr(i, storeAsParam));
                case Expr.ListExpr l -> l.items().forEach(i -> expr(i, false));
                case Expr.DictExpr d -> {
                    for (int k = 0; k < d.keys().size(); k++) {
                        expr(d.keys().get(k), false);
                        expr(d.values().get(k), false);
                    }
                }
                case Expr.GetAttr g -> expr(g.node(), false);
                case Expr.GetItem g -> {
                    expr(g.node(), false);
                    expr(g.arg(), false);
                }
                case Expr.Slice sl -> {
                    expr(sl.start(), false);
                    expr(sl.stop(), false);
                    expr(sl.step(), false);
                }
                case Expr.Call c -> {
                    expr(c.node(), false);
                    args(c.args());
                }
                case Expr.Filter f -> {
                    expr(f.node(), false);
                    args(f.args());
                }
                case Expr.Test t -> {
                    expr(t.node(), false);
                    args(t.args());
                }
                case Expr.CondExpr c -> {
                    expr(c.test(), false);
                    expr(c.expr1(), false);
                    expr(c.expr2(), false);
                }
                case Expr.Binary b -> {
                    expr(b.left(), false);
                    expr(b.right(), false);
                }
                case Expr.Unary u -> expr(u.operand(), false);
                case Expr.Concat c -> c.nodes().forEach(n -> expr(n, false));
                case Expr.Compare c -> {
                    expr(c.expr(), false);
                    c.ops().forEach(o -> expr(o.expr(), false));
                }
                default -> { }
            }
        }

        private void args(Expr.Args a) {
            a.args().forEach(x -> expr(x, false));
            a.kwargs().forEach(k -> expr(k.value(), false));
            expr(a.dynArgs(), false);
            expr(a.dynKwargs(), false);
        }
    }
}
