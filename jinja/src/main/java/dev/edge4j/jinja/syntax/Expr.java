package dev.edge4j.jinja.syntax;

import java.util.List;

/** Expression nodes of a parsed template, mirroring Jinja2's expression nodes. */
public sealed interface Expr {
    int line();

    /** How a name is used: read, assigned, or bound as a parameter (loop target, macro argument). */
    enum Ctx { LOAD, STORE, PARAM }

    record Const(Object value, int line) implements Expr {}

    /** Literal text between tags. */
    record TemplateData(String data, int line) implements Expr {}

    record Name(String name, Ctx ctx, int line) implements Expr {}

    /** {@code ns.attr} as the target of {@code set}. */
    record NsRef(String name, String attr, int line) implements Expr {}

    record TupleExpr(List<Expr> items, Ctx ctx, int line) implements Expr {}

    record ListExpr(List<Expr> items, int line) implements Expr {}

    record DictExpr(List<Expr> keys, List<Expr> values, int line) implements Expr {}

    record GetAttr(Expr node, String attr, int line) implements Expr {}

    record GetItem(Expr node, Expr arg, int line) implements Expr {}

    record Slice(Expr start, Expr stop, Expr step, int line) implements Expr {}

    record Keyword(String key, Expr value) {}

    /** Arguments of a call, filter or test: positional, keyword, {@code *args}, {@code **kwargs}. */
    record Args(List<Expr> args, List<Keyword> kwargs, Expr dynArgs, Expr dynKwargs) {
        public static final Args NONE = new Args(List.of(), List.of(), null, null);
    }

    record Call(Expr node, Args args, int line) implements Expr {}

    /** {@code node|name(args)}; {@code node} is null for the filter of a filter block. */
    record Filter(Expr node, String name, Args args, int line) implements Expr {}

    record Test(Expr node, String name, Args args, int line) implements Expr {}

    /** {@code expr1 if test else expr2}; {@code expr2} may be null. */
    record CondExpr(Expr test, Expr expr1, Expr expr2, int line) implements Expr {}

    enum BinOp { ADD, SUB, MUL, DIV, FLOORDIV, MOD, POW, AND, OR }

    record Binary(BinOp op, Expr left, Expr right, int line) implements Expr {}

    enum UnOp { NEG, POS, NOT }

    record Unary(UnOp op, Expr operand, int line) implements Expr {}

    /** {@code a ~ b ~ c}. */
    record Concat(List<Expr> nodes, int line) implements Expr {}

    /** One comparison step: op is eq, ne, lt, lteq, gt, gteq, in or notin. */
    record Operand(String op, Expr expr) {}

    record Compare(Expr expr, List<Operand> ops, int line) implements Expr {}
}
