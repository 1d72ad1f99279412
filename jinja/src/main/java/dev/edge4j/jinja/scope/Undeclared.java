package dev.edge4j.jinja.scope;

import dev.edge4j.jinja.syntax.Expr;
import dev.edge4j.jinja.syntax.Stmt;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which of some special names a body reads before anything declares them (Jinja's find_undeclared). */
final class Undeclared {
    private final Set<String> names;
    private final Set<String> found = new HashSet<>();

    private Undeclared(Set<String> names) {
        this.names = new HashSet<>(names);
    }

    static Set<String> find(List<Stmt> body, Set<String> names) {
        Undeclared u = new Undeclared(names);
        u.stmts(body);
        return u.found;
    }

    private void stmts(List<? extends Stmt> body) {
        for (Stmt s : body) {
            stmt(s);
        }
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Stmt.Output o -> o.nodes().forEach(this::expr);
            case Stmt.For f -> {
                expr(f.target());
                expr(f.iter());
                stmts(f.body());
                stmts(f.elseBody());
                expr(f.test());
            }
            case Stmt.If i -> {
                expr(i.test());
                stmts(i.body());
                stmts(i.elifs());
                stmts(i.elseBody());
            }
            case Stmt.Macro m -> {
                m.args().forEach(this::expr);
                m.defaults().forEach(this::expr);
                stmts(m.body());
            }
            case Stmt.CallBlock c -> {
                expr(c.call());
                c.args().forEach(this::expr);
                c.defaults().forEach(this::expr);
                stmts(c.body());
            }
            case Stmt.FilterBlock fb -> {
                stmts(fb.body());
                expr(fb.filter());
            }
            case Stmt.With w -> {
                w.targets().forEach(this::expr);
                w.values().forEach(this::expr);
                stmts(w.body());
            }
            case Stmt.Assign a -> {
                expr(a.target());
                expr(a.value());
            }
            case Stmt.AssignBlock ab -> {
                expr(ab.target());
                expr(ab.filter());
                stmts(ab.body());
            }
            default -> { }
        }
    }

    private void expr(Expr e) {
        if (e == null) {
            return;
        }
        switch (e) {
            case Expr.Name n -> {
                if (n.ctx() == Expr.Ctx.LOAD && names.contains(n.name())) {
                    found.add(n.name());
                } else {
                    names.remove(n.name());
                }
            }
            case Expr.TupleExpr t -> t.items().forEach(this::expr);
            case Expr.ListExpr l -> l.items().forEach(this::expr);
            case Expr.DictExpr d -> {
                for (int k = 0; k < d.keys().size(); k++) {
                    expr(d.keys().get(k));
                    expr(d.values().get(k));
                }
            }
            case Expr.GetAttr g -> expr(g.node());
            case Expr.GetItem g -> {
                expr(g.node());
                expr(g.arg());
            }
            case Expr.Slice sl -> {
                expr(sl.start());
                expr(sl.stop());
                expr(sl.step());
            }
            case Expr.Call c -> {
                expr(c.node());
                args(c.args());
            }
            case Expr.Filter f -> {
                expr(f.node());
                args(f.args());
            }
            case Expr.Test t -> {
                expr(t.node());
                args(t.args());
            }
            case Expr.CondExpr c -> {
                expr(c.test());
                expr(c.expr1());
                expr(c.expr2());
            }
            case Expr.Binary b -> {
                expr(b.left());
                expr(b.right());
            }
            case Expr.Unary u -> expr(u.operand());
            case Expr.Concat c -> c.nodes().forEach(this::expr);
            case Expr.Compare c -> {
                expr(c.expr());
                c.ops().forEach(o -> expr(o.expr()));
            }
            default -> { }
        }
    }

    private void args(Expr.Args a) {
        a.args().forEach(this::expr);
        a.kwargs().forEach(k -> expr(k.value()));
        expr(a.dynArgs());
        expr(a.dynKwargs());
    }
}
