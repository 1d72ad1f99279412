package dev.edge4j.jinja.syntax;

import java.util.List;

/** Statement nodes of a parsed template, mirroring Jinja2's statement nodes. */
public sealed interface Stmt {
    int line();

    /** Text and {@code {{ }}} expressions printed in order. */
    record Output(List<Expr> nodes, int line) implements Stmt {}

    record For(Expr target, Expr iter, List<Stmt> body, List<Stmt> elseBody, Expr test, boolean recursive,
            int line) implements Stmt {}

    record If(Expr test, List<Stmt> body, List<If> elifs, List<Stmt> elseBody, int line) implements Stmt {}

    record Macro(String name, List<Expr.Name> args, List<Expr> defaults, List<Stmt> body, int line)
            implements Stmt {}

    /**
     * {@code {% call(args) macro(...) %}body{% endcall %}}. A null {@code call} is the
     * {@code {% generation %}} block, which renders its body as it is.
     */
    record CallBlock(Expr.Call call, List<Expr.Name> args, List<Expr> defaults, List<Stmt> body, int line)
            implements Stmt {}

    record FilterBlock(List<Stmt> body, Expr.Filter filter, int line) implements Stmt {}

    record With(List<Expr> targets, List<Expr> values, List<Stmt> body, int line) implements Stmt {}

    record Assign(Expr target, Expr value, int line) implements Stmt {}

    /** {@code {% set x %}...{% endset %}}, optionally through a filter. */
    record AssignBlock(Expr target, Expr.Filter filter, List<Stmt> body, int line) implements Stmt {}

    record Break(int line) implements Stmt {}

    record Continue(int line) implements Stmt {}

    /** A {@code {% block %}}: with no template inheritance it renders in place. */
    record Block(String name, List<Stmt> body, int line) implements Stmt {}

    /** {@code extends}, {@code include}, {@code import}: need a template loader, which chat templates lack. */
    record NeedsLoader(String tag, int line) implements Stmt {}
}
