package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.TemplateSyntaxException;
import dev.edge4j.jinja.syntax.Expr;
import dev.edge4j.jinja.syntax.Stmt;
import java.util.List;

/**
 * The checks Jinja2 makes when it compiles a template: an unknown filter or test is an error at
 * once unless it sits inside an {@code if} or inline-if (then only when reached); {@code break}
 * and {@code continue} must be inside a loop; {@code loop} cannot be a loop target.
 */
public final class Checker {
    private Checker() {}

    public static void check(List<Stmt> body) {
        stmts(body, false, false);
    }

    private static void stmts(List<? extends Stmt> body, boolean soft, boolean inLoop) {
        for (Stmt s : body) {
            stmt(s, soft, inLoop);
        }
    }

    private static void stmt(Stmt s, boolean soft, boolean inLoop) {
        switch (s) {
            case Stmt.Output o -> o.nodes().forEach(n -> expr(n, soft));
            case Stmt.If i -> {
                expr(i.test(), true);
                stmts(i.body(), true, inLoop);
                for (Stmt.If elif : i.elifs()) {
                    stmt(elif, true, inLoop);
                }
                stmts(i.elseBody(), true, inLoop);
            }
            case Stmt.For f -> {
                if (storesLoop(f.target())) {
                    throw new TemplateSyntaxException("Can't assign to special loop variable in for-loop target", f.line());
                }
                expr(f.iter(), soft);
                stmts(f.body(), false, true);
                stmts(f.elseBody(), false, f.recursive() || inLoop);
                expr(f.test(), false);
            }
            case Stmt.Macro m -> {
                m.defaults().forEach(d -> expr(d, false));
                stmts(m.body(), false, false);
            }
            case Stmt.CallBlock c -> {
                if (c.call() != null) {
                    expr(c.call(), soft);
                }
                c.defaults().forEach(d -> expr(d, false));
                stmts(c.body(), false, false);
            }
            case Stmt.FilterBlock fb -> {
                stmts(fb.body(), false, inLoop);
                expr(fb.filter(), false);
            }
            case Stmt.AssignBlock ab -> {
                stmts(ab.body(), false, inLoop);
                expr(ab.filter(), false);
            }
            case Stmt.With w -> {
                w.values().forEach(v -> expr(v, soft));
                stmts(w.body(), false, inLoop);
            }
            case Stmt.Assign a -> expr(a.value(), soft);
            case Stmt.Block b -> stmts(b.body(), false, false);
            case Stmt.Break b -> {
                if (!inLoop) {
                    throw new TemplateSyntaxException("'break' outside loop", b.line());
                }
            }
            case Stmt.Continue c -> {
                if (!inLoop) {
                    throw new TemplateSyntaxException("'continue' not properly in loop", c.line());
                }
            }
            case Stmt.NeedsLoader n -> { }
        }
    }

    private static boolean storesLoop(Expr target) {
        return switch (target) {
            case Expr.Name n -> n.name().equals("loop");
            case Expr.TupleExpr t -> t.items().stream().anyMatch(Checker::storesLoop);
            default -> false;
        };
    }

    private static void expr(Expr e, boolean soft) {
        if (e == null) {
            return;
        }
        switch (e) {
            case Expr.Filter f -> {
                if (!soft && !Filters.exists(f.name())) {
                    throw new TemplateSyntaxException("No filter named '" + f.name() + "'.", f.line());
                }
                expr(f.node(), soft);
                args(f.args(), soft);
            }
            case Expr.Test t -> {
                if (!soft && !Tests.exists(t.name())) {
                    throw new TemplateSyntaxException("No test named '" + t.name() + "'.", t.line());
                }
                expr(t.node(), soft);
                args(t.args(), soft);
            }
            case Expr.CondExpr c -> {
                expr(c.test(), true);
                expr(c.expr1(), true);
                expr(c.expr2(), true);
            }
            case Expr.TupleExpr t -> t.items().forEach(x -> expr(x, soft));
            case Expr.ListExpr l -> l.items().forEach(x -> expr(x, soft));
            case Expr.DictExpr d -> {
                d.keys().forEach(x -> expr(x, soft));
                d.values().forEach(x -> expr(x, soft));
            }
            case Expr.GetAttr g -> expr(g.node(), soft);
            case Expr.GetItem g -> {
                expr(g.node(), soft);
                expr(g.arg(), soft);
            }
            case Expr.Slice sl -> {
                expr(sl.start(), soft);
                expr(sl.stop(), soft);
                expr(sl.step(), soft);
            }
            case Expr.Call c -> {
                expr(c.node(), soft);
                args(c.args(), soft);
            }
            case Expr.Binary b -> {
                expr(b.left(), soft);
                expr(b.right(), soft);
            }
            case Expr.Unary u -> expr(u.operand(), soft);
            case Expr.Concat c -> c.nodes().forEach(x -> expr(x, soft));
            case Expr.Compare c -> {
                expr(c.expr(), soft);
                c.ops().forEach(o -> expr(o.expr(), soft));
            }
            default -> { }
        }
    }

    private static void args(Expr.Args a, boolean soft) {
        a.args().forEach(x -> expr(x, soft));
        a.kwargs().forEach(k -> expr(k.value(), soft));
        expr(a.dynArgs(), soft);
        expr(a.dynKwargs(), soft);
    }
}
