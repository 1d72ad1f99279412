package dev.edge4j.jinja.syntax;

import dev.edge4j.jinja.TemplateSyntaxException;
import dev.edge4j.jinja.syntax.Expr.Args;
import dev.edge4j.jinja.syntax.Expr.BinOp;
import dev.edge4j.jinja.syntax.Expr.Ctx;
import dev.edge4j.jinja.syntax.Expr.Keyword;
import dev.edge4j.jinja.syntax.Expr.Name;
import dev.edge4j.jinja.syntax.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the statement tree from tokens with Jinja2's grammar and operator precedence, including
 * the loop-control extension ({@code break}, {@code continue}) and the {@code generation} block
 * that chat templates use to mark assistant output.
 */
public final class Parser {
    private static final Set<String> COMPARE_OPS = Set.of("==", "!=", "<", "<=", ">", ">=");
    private static final Map<String, String> COMPARE_NAMES = Map.of(
            "==", "eq", "!=", "ne", "<", "lt", "<=", "lteq", ">", "gt", ">=", "gteq");

    private final List<Token> tokens;
    private int index;
    private final Deque<String> tagStack = new ArrayDeque<>();
    private final Deque<List<String>> endTokenStack = new ArrayDeque<>();

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole template into its top-level statements. */
    public static List<Stmt> parse(String source) {
        Parser p = new Parser(Lexer.tokenize(source));
        return p.subparse(null);
    }

    // ---- token stream

    private Token current() {
        return tokens.get(index);
    }

    private Token look() {
        return tokens.get(Math.min(index + 1, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) {
            index++;
        }
        return t;
    }

    private boolean skipName(String name) {
        if (current().isName(name)) {
            next();
            return true;
        }
        return false;
    }

    private boolean skipOp(String op) {
        if (current().isOp(op)) {
            next();
            return true;
        }
        return false;
    }

    private Token expectOp(String op) {
        if (!current().isOp(op)) {
            throw unexpected("'" + op + "'");
        }
        return next();
    }

    private Token expectName(String name) {
        if (!current().isName(name)) {
            throw unexpected("'" + name + "'");
        }
        return next();
    }

    private Token expectKind(Kind kind, String description) {
        if (!current().is(kind)) {
            throw unexpected("'" + description + "'");
        }
        return next();
    }

    private TemplateSyntaxException unexpected(String expected) {
        Token t = current();
        if (t.is(Kind.EOF)) {
            return new TemplateSyntaxException("unexpected end of template, expected " + expected + ".", t.line());
        }
        return new TemplateSyntaxException("expected token " + expected + ", got '" + t.describe() + "'", t.line());
    }

    private TemplateSyntaxException fail(String message, int line) {
        return new TemplateSyntaxException(message, line);
    }

    // ---- statements

    private List<Stmt> subparse(List<String> endTokens) {
        List<Stmt> body = new ArrayList<>();
        List<Expr> data = new ArrayList<>();
        if (endTokens != null) {
            endTokenStack.push(endTokens);
        }
        try {
            while (!current().is(Kind.EOF)) {
                Token t = current();
                switch (t.kind()) {
                    case DATA -> {
                        if (!t.value().isEmpty()) {
                            data.add(new Expr.TemplateData(t.value(), t.line()));
                        }
                        next();
                    }
                    case VARIABLE_BEGIN -> {
                        next();
                        data.add(parseTuple(false, true, null, false));
                        expectKind(Kind.VARIABLE_END, "end of print statement");
                    }
                    case BLOCK_BEGIN -> {
                        flush(body, data);
                        next();
                        if (endTokens != null && current().kind() == Kind.NAME
                                && endTokens.contains(current().value())) {
                            return body;
                        }
                        body.add(parseStatement());
                        expectKind(Kind.BLOCK_END, "end of statement block");
                    }
                    default -> throw fail("unexpected '" + t.describe() + "'", t.line());
                }
            }
            flush(body, data);
        } finally {
            if (endTokens != null) {
                endTokenStack.pop();
            }
        }
        return body;
    }

    private static void flush(List<Stmt> body, List<Expr> data) {
        if (!data.isEmpty()) {
            body.add(new Stmt.Output(List.copyOf(data), data.get(0).line()));
            data.clear();
        }
    }

    private List<Stmt> parseStatements(List<String> endTokens, boolean dropNeedle) {
        skipOp(":");
        expectKind(Kind.BLOCK_END, "end of statement block");
        List<Stmt> result = subparse(endTokens);
        if (current().is(Kind.EOF)) {
            throw failEof(endTokens, current().line());
        }
        if (dropNeedle) {
            next();
        }
        return result;
    }

    private Stmt parseStatement() {
        Token token = current();
        if (!token.is(Kind.NAME)) {
            throw fail("tag name expected", token.line());
        }
        tagStack.push(token.value());
        try {
            return switch (token.value()) {
                case "for" -> parseFor();
                case "if" -> parseIf();
                case "set" -> parseSet();
                case "macro" -> parseMacro();
                case "call" -> parseCallBlock();
                case "filter" -> parseFilterBlock();
                case "with" -> parseWith();
                case "print" -> parsePrint();
                case "block" -> parseBlock();
                case "autoescape" -> parseAutoescape();
                case "break" -> new Stmt.Break(next().line());
                case "continue" -> new Stmt.Continue(next().line());
                case "generation" -> parseGeneration();
                case "extends", "include", "import", "from" -> parseNeedsLoader();
                default -> {
                    tagStack.pop();
                    tagStack.push("");
                    throw failUnknownTag(token.value(), token.line());
                }
            };
        } finally {
            tagStack.pop();
        }
    }

    private TemplateSyntaxException failUnknownTag(String name, int line) {
        return endOfTemplateOrUnknown(name, new ArrayList<>(endTokenStack), line);
    }

    private TemplateSyntaxException failEof(List<String> endTokens, int line) {
        List<List<String>> stack = new ArrayList<>(endTokenStack);
        if (endTokens != null) {
            stack.add(0, endTokens);
        }
        return endOfTemplateOrUnknown(null, stack, line);
    }

    /** Jinja's message for an unknown tag or an unclosed block; {@code stack} is innermost first. */
    private TemplateSyntaxException endOfTemplateOrUnknown(String name, List<List<String>> stack, int line) {
        Set<String> expected = new LinkedHashSet<>();
        stack.forEach(expected::addAll);
        String looking = null;
        if (!stack.isEmpty()) {
            looking = String.join(" or ", stack.get(0).stream().map(t -> "'" + t + "'").toList());
        }
        StringBuilder msg = new StringBuilder(name == null ? "Unexpected end of template."
                : "Encountered unknown tag '" + name + "'.");
        if (looking != null) {
            if (name != null && expected.contains(name)) {
                msg.append(" You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ")
                        .append(looking).append('.');
            } else {
                msg.append(" Jinja was looking for the following tags: ").append(looking).append('.');
            }
        }
        String innermost = tagStack.stream().filter(t -> !t.isEmpty()).findFirst().orElse(null);
        if (innermost != null) {
            msg.append(" The innermost block that needs to be closed is '").append(innermost).append("'.");
        }
        return fail(msg.toString(), line);
    }

    private Stmt parseFor() {
        int line = expectName("for").line();
        Expr target = parseAssignTarget(true, false, List.of("in"), false);
        expectName("in");
        Expr iter = parseTuple(false, false, List.of("recursive"), false);
        Expr test = null;
        if (skipName("if")) {
            test = parseExpression(true);
        }
        boolean recursive = skipName("recursive");
        List<Stmt> body = parseStatements(List.of("endfor", "else"), false);
        List<Stmt> elseBody = List.of();
        if (!next().value().equals("endfor")) {
            elseBody = parseStatements(List.of("endfor"), true);
        }
        return new Stmt.For(target, iter, body, elseBody, test, recursive, line);
    }

    private Stmt parseIf() {
        int line = expectName("if").line();
        Expr test = parseTuple(false, false, null, false);
        List<Stmt> body = parseStatements(List.of("elif", "else", "endif"), false);
        List<Stmt.If> elifs = new ArrayList<>();
        List<Stmt> elseBody = List.of();
        while (true) {
            Token t = next();
            if (t.isName("elif")) {
                int elifLine = current().line();
                Expr elifTest = parseTuple(false, false, null, false);
                List<Stmt> elifBody = parseStatements(List.of("elif", "else", "endif"), false);
                elifs.add(new Stmt.If(elifTest, elifBody, List.of(), List.of(), elifLine));
                continue;
            }
            if (t.isName("else")) {
                elseBody = parseStatements(List.of("endif"), true);
            }
            break;
        }
        return new Stmt.If(test, body, List.copyOf(elifs), elseBody, line);
    }

    private Stmt parseSet() {
        int line = next().line();
        Expr target = parseAssignTarget(true, false, null, true);
        if (skipOp("=")) {
            return new Stmt.Assign(target, parseTuple(false, true, null, false), line);
        }
        Expr.Filter filter = parseFilter(null, false);
        List<Stmt> body = parseStatements(List.of("endset"), true);
        return new Stmt.AssignBlock(target, filter, body, line);
    }

    private record Signature(List<Name> args, List<Expr> defaults) {}

    private Signature parseSignature() {
        List<Name> args = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        expectOp("(");
        while (!current().isOp(")")) {
            if (!args.isEmpty()) {
                expectOp(",");
            }
            Name arg = (Name) parseAssignTarget(true, true, null, false);
            arg = new Name(arg.name(), Ctx.PARAM, arg.line());
            if (skipOp("=")) {
                defaults.add(parseExpression(true));
            } else if (!defaults.isEmpty()) {
                throw fail("non-default argument follows default argument", current().line());
            }
            args.add(arg);
        }
        expectOp(")");
        return new Signature(List.copyOf(args), List.copyOf(defaults));
    }

    private Stmt parseMacro() {
        int line = next().line();
        String name = ((Name) parseAssignTarget(true, true, null, false)).name();
        Signature sig = parseSignature();
        List<Stmt> body = parseStatements(List.of("endmacro"), true);
        return new Stmt.Macro(name, sig.args(), sig.defaults(), body, line);
    }

    private Stmt parseCallBlock() {
        int line = next().line();
        Signature sig = current().isOp("(") ? parseSignature() : new Signature(List.of(), List.of());
        Expr call = parseExpression(true);
        if (!(call instanceof Expr.Call c)) {
            throw fail("expected call", line);
        }
        List<Stmt> body = parseStatements(List.of("endcall"), true);
        return new Stmt.CallBlock(c, sig.args(), sig.defaults(), body, line);
    }

    private Stmt parseGeneration() {
        int line = next().line();
        List<Stmt> body = parseStatements(List.of("endgeneration"), true);
        return new Stmt.CallBlock(null, List.of(), List.of(), body, line);
    }

    private Stmt parseFilterBlock() {
        int line = next().line();
        Expr.Filter filter = parseFilter(null, true);
        List<Stmt> body = parseStatements(List.of("endfilter"), true);
        return new Stmt.FilterBlock(body, filter, line);
    }

    private Stmt parseWith() {
        int line = next().line();
        List<Expr> targets = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!current().is(Kind.BLOCK_END)) {
            if (!targets.isEmpty()) {
                expectOp(",");
            }
            Expr target = withCtx(parseAssignTarget(true, false, null, false), Ctx.PARAM);
            targets.add(target);
            expectOp("=");
            values.add(parseExpression(true));
        }
        List<Stmt> body = parseStatements(List.of("endwith"), true);
        return new Stmt.With(List.copyOf(targets), List.copyOf(values), body, line);
    }

    private Stmt parseAutoescape() {
        int line = next().line();
        parseExpression(true);
        List<Stmt> body = parseStatements(List.of("endautoescape"), true);
        return new Stmt.With(List.of(), List.of(), body, line);
    }

    private Stmt parsePrint() {
        int line = next().line();
        List<Expr> nodes = new ArrayList<>();
        while (!current().is(Kind.BLOCK_END)) {
            if (!nodes.isEmpty()) {
                expectOp(",");
            }
            nodes.add(parseExpression(true));
        }
        return new Stmt.Output(List.copyOf(nodes), line);
    }

    private Stmt parseBlock() {
        int line = next().line();
        String name = expectKind(Kind.NAME, "name").value();
        skipName("scoped");
        skipName("required");
        if (current().isOp("-")) {
            throw fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens,"
                    + " use an underscore instead.", current().line());
        }
        List<Stmt> body = parseStatements(List.of("endblock"), true);
        skipName(name);
        return new Stmt.Block(name, body, line);
    }

    private Stmt parseNeedsLoader() {
        Token tag = next();
        while (!current().is(Kind.BLOCK_END) && !current().is(Kind.EOF)) {
            next();
        }
        return new Stmt.NeedsLoader(tag.value(), tag.line());
    }

    // ---- assignment targets

    private Expr parseAssignTarget(boolean withTuple, boolean nameOnly, List<String> extraEnd, boolean withNamespace) {
        Expr target;
        if (withNamespace && look().isOp(".")) {
            Token name = expectKind(Kind.NAME, "name");
            next();
            Token attr = expectKind(Kind.NAME, "name");
            target = new Expr.NsRef(name.value(), attr.value(), name.line());
        } else if (nameOnly) {
            Token name = expectKind(Kind.NAME, "name");
            target = new Name(name.value(), Ctx.STORE, name.line());
        } else {
            target = withTuple ? parseTuple(true, true, extraEnd, false) : parsePrimary();
            target = withCtx(target, Ctx.STORE);
        }
        String bad = unassignable(target);
        if (bad != null) {
            throw fail("can't assign to '" + bad + "'", target.line());
        }
        return target;
    }

    private static Expr withCtx(Expr e, Ctx ctx) {
        return switch (e) {
            case Name n -> new Name(n.name(), ctx, n.line());
            case Expr.TupleExpr t -> new Expr.TupleExpr(t.items().stream().map(i -> withCtx(i, ctx)).toList(), ctx, t.line());
            default -> e;
        };
    }

    /** Jinja's lower-cased node class name when {@code e} cannot be assigned to, else null. */
    private static String unassignable(Expr e) {
        return switch (e) {
            case Name n -> Set.of("true", "false", "none", "True", "False", "None").contains(n.name()) ? "name" : null;
            case Expr.NsRef n -> null;
            case Expr.TupleExpr t -> t.items().stream().map(Parser::unassignable).filter(x -> x != null)
                    .findFirst().map(x -> "tuple").orElse(null);
            default -> nodeName(e);
        };
    }

    private static String nodeName(Expr e) {
        return switch (e) {
            case Expr.Const c -> "const";
            case Expr.GetAttr g -> "getattr";
            case Expr.GetItem g -> "getitem";
            case Expr.Call c -> "call";
            case Expr.ListExpr l -> "list";
            case Expr.DictExpr d -> "dict";
            case Expr.Filter f -> "filter";
            case Expr.Test t -> "test";
            default -> e.getClass().getSimpleName().toLowerCase();
        };
    }

    // ---- expressions

    private Expr parseExpression(boolean withCondexpr) {
        return withCondexpr ? parseCondexpr() : parseOr();
    }

    private Expr parseCondexpr() {
        int line = current().line();
        Expr expr1 = parseOr();
        while (skipName("if")) {
            Expr expr2 = parseOr();
            Expr expr3 = skipName("else") ? parseCondexpr() : null;
            expr1 = new Expr.CondExpr(expr2, expr1, expr3, line);
            line = current().line();
        }
        return expr1;
    }

    private Expr parseOr() {
        int line = current().line();
        Expr left = parseAnd();
        while (skipName("or")) {
            left = new Expr.Binary(BinOp.OR, left, parseAnd(), line);
            line = current().line();
        }
        return left;
    }

    private Expr parseAnd() {
        int line = current().line();
        Expr left = parseNot();
        while (skipName("and")) {
            left = new Expr.Binary(BinOp.AND, left, parseNot(), line);
            line = current().line();
        }
        return left;
    }

    private Expr parseNot() {
        if (current().isName("not")) {
            int line = next().line();
            return new Expr.Unary(Expr.UnOp.NOT, parseNot(), line);
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        int line = current().line();
        Expr expr = parseMath1();
        List<Expr.Operand> ops = new ArrayList<>();
        while (true) {
            Token t = current();
            if (t.is(Kind.OPERATOR) && COMPARE_OPS.contains(t.value())) {
                next();
                ops.add(new Expr.Operand(COMPARE_NAMES.get(t.value()), parseMath1()));
            } else if (skipName("in")) {
                ops.add(new Expr.Operand("in", parseMath1()));
            } else if (t.isName("not") && look().isName("in")) {
                next();
                next();
                ops.add(new Expr.Operand("notin", parseMath1()));
            } else {
                break;
            }
            line = current().line();
        }
        return ops.isEmpty() ? expr : new Expr.Compare(expr, List.copyOf(ops), line);
    }

    private Expr parseMath1() {
        int line = current().line();
        Expr left = parseConcat();
        while (current().isOp("+") || current().isOp("-")) {
            BinOp op = next().value().equals("+") ? BinOp.ADD : BinOp.SUB;
            left = new Expr.Binary(op, left, parseConcat(), line);
            line = current().line();
        }
        return left;
    }

    private Expr parseConcat() {
        int line = current().line();
        List<Expr> args = new ArrayList<>();
        args.add(parseMath2());
        while (skipOp("~")) {
            args.add(parseMath2());
        }
        return args.size() == 1 ? args.get(0) : new Expr.Concat(List.copyOf(args), line);
    }

    private Expr parseMath2() {
        int line = current().line();
        Expr left = parsePow();
        while (true) {
            BinOp op;
            if (current().isOp("*")) {
                op = BinOp.MUL;
            } else if (current().isOp("/")) {
                op = BinOp.DIV;
            } else if (current().isOp("//")) {
                op = BinOp.FLOORDIV;
            } else if (current().isOp("%")) {
                op = BinOp.MOD;
            } else {
                break;
            }
            next();
            left = new Expr.Binary(op, left, parsePow(), line);
            line = current().line();
        }
        return left;
    }

    private Expr parsePow() {
        int line = current().line();
        Expr left = parseUnary(true);
        while (skipOp("**")) {
            left = new Expr.Binary(BinOp.POW, left, parseUnary(true), line);
            line = current().line();
        }
        return left;
    }

    private Expr parseUnary(boolean withFilter) {
        int line = current().line();
        Expr node;
        if (skipOp("-")) {
            node = new Expr.Unary(Expr.UnOp.NEG, parseUnary(false), line);
        } else if (skipOp("+")) {
            node = new Expr.Unary(Expr.UnOp.POS, parseUnary(false), line);
        } else {
            node = parsePrimary();
        }
        node = parsePostfix(node);
        if (withFilter) {
            node = parseFilterExpr(node);
        }
        return node;
    }

    private Expr parsePrimary() {
        Token t = current();
        switch (t.kind()) {
            case NAME -> {
                next();
                return switch (t.value()) {
                    case "true", "True" -> new Expr.Const(Boolean.TRUE, t.line());
                    case "false", "False" -> new Expr.Const(Boolean.FALSE, t.line());
                    case "none", "None" -> new Expr.Const(null, t.line());
                    default -> new Name(t.value(), Ctx.LOAD, t.line());
                };
            }
            case STRING -> {
                next();
                StringBuilder b = new StringBuilder((String) t.literal());
                while (current().is(Kind.STRING)) {
                    b.append((String) next().literal());
                }
                return new Expr.Const(b.toString(), t.line());
            }
            case INTEGER, FLOAT -> {
                next();
                return new Expr.Const(t.literal(), t.line());
            }
            case OPERATOR -> {
                if (t.value().equals("(")) {
                    next();
                    Expr node = parseTuple(false, true, null, true);
                    expectOp(")");
                    return node;
                }
                if (t.value().equals("[")) {
                    return parseList();
                }
                if (t.value().equals("{")) {
                    return parseDict();
                }
            }
            default -> { }
        }
        throw fail("unexpected '" + t.describe() + "'", t.line());
    }

    private Expr parseTuple(boolean simplified, boolean withCondexpr, List<String> extraEnd, boolean explicitParens) {
        int line = current().line();
        List<Expr> args = new ArrayList<>();
        boolean isTuple = false;
        while (true) {
            if (!args.isEmpty()) {
                expectOp(",");
            }
            if (isTupleEnd(extraEnd)) {
                break;
            }
            args.add(simplified ? parsePrimary() : parseExpression(withCondexpr));
            if (current().isOp(",")) {
                isTuple = true;
            } else {
                break;
            }
            line = current().line();
        }
        if (!isTuple) {
            if (!args.isEmpty()) {
                return args.get(0);
            }
            if (!explicitParens) {
                throw fail("Expected an expression, got '" + current().describe() + "'", current().line());
            }
        }
        return new Expr.TupleExpr(List.copyOf(args), Ctx.LOAD, line);
    }

    private boolean isTupleEnd(List<String> extraEnd) {
        Token t = current();
        if (t.is(Kind.VARIABLE_END) || t.is(Kind.BLOCK_END) || t.isOp(")")) {
            return true;
        }
        return extraEnd != null && t.is(Kind.NAME) && extraEnd.contains(t.value());
    }

    private Expr parseList() {
        Token t = expectOp("[");
        List<Expr> items = new ArrayList<>();
        while (!current().isOp("]")) {
            if (!items.isEmpty()) {
                expectOp(",");
            }
            if (current().isOp("]")) {
                break;
            }
            items.add(parseExpression(true));
        }
        expectOp("]");
        return new Expr.ListExpr(List.copyOf(items), t.line());
    }

    private Expr parseDict() {
        Token t = expectOp("{");
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!current().isOp("}")) {
            if (!keys.isEmpty()) {
                expectOp(",");
            }
            if (current().isOp("}")) {
                break;
            }
            keys.add(parseExpression(true));
            expectOp(":");
            values.add(parseExpression(true));
        }
        expectOp("}");
        return new Expr.DictExpr(List.copyOf(keys), List.copyOf(values), t.line());
    }

    private Expr parsePostfix(Expr node) {
        while (true) {
            if (current().isOp(".") || current().isOp("[")) {
                node = parseSubscript(node);
            } else if (current().isOp("(")) {
                node = parseCall(node);
            } else {
                return node;
            }
        }
    }

    private Expr parseFilterExpr(Expr node) {
        while (true) {
            if (current().isOp("|")) {
                node = parseFilter(node, false);
            } else if (current().isName("is")) {
                node = parseTest(node);
            } else if (current().isOp("(")) {
                node = parseCall(node);
            } else {
                return node;
            }
        }
    }

    private Expr parseSubscript(Expr node) {
        Token token = next();
        if (token.isOp(".")) {
            Token attr = next();
            if (attr.is(Kind.NAME)) {
                return new Expr.GetAttr(node, attr.value(), token.line());
            }
            if (!attr.is(Kind.INTEGER)) {
                throw fail("expected name or number", attr.line());
            }
            return new Expr.GetItem(node, new Expr.Const(attr.literal(), attr.line()), token.line());
        }
        List<Expr> args = new ArrayList<>();
        while (!current().isOp("]")) {
            if (!args.isEmpty()) {
                expectOp(",");
            }
            args.add(parseSubscribed());
        }
        expectOp("]");
        Expr arg = args.size() == 1 ? args.get(0) : new Expr.TupleExpr(List.copyOf(args), Ctx.LOAD, token.line());
        return new Expr.GetItem(node, arg, token.line());
    }

    private Expr parseSubscribed() {
        int line = current().line();
        Expr start = null;
        if (current().isOp(":")) {
            next();
        } else {
            Expr node = parseExpression(true);
            if (!current().isOp(":")) {
                return node;
            }
            next();
            start = node;
        }
        Expr stop = null;
        if (!current().isOp(":") && !current().isOp("]") && !current().isOp(",")) {
            stop = parseExpression(true);
        }
        Expr step = null;
        if (current().isOp(":")) {
            next();
            if (!current().isOp("]") && !current().isOp(",")) {
                step = parseExpression(true);
            }
        }
        return new Expr.Slice(start, stop, step, line);
    }

    private Args parseCallArgs() {
        Token token = expectOp("(");
        List<Expr> args = new ArrayList<>();
        List<Keyword> kwargs = new ArrayList<>();
        Expr dynArgs = null;
        Expr dynKwargs = null;
        boolean requireComma = false;
        while (!current().isOp(")")) {
            if (requireComma) {
                expectOp(",");
                if (current().isOp(")")) {
                    break;
                }
            }
            if (current().isOp("*")) {
                ensure(dynArgs == null && dynKwargs == null, token);
                next();
                dynArgs = parseExpression(true);
            } else if (current().isOp("**")) {
                ensure(dynKwargs == null, token);
                next();
                dynKwargs = parseExpression(true);
            } else if (current().is(Kind.NAME) && look().isOp("=")) {
                ensure(dynKwargs == null, token);
                String key = next().value();
                next();
                kwargs.add(new Keyword(key, parseExpression(true)));
            } else {
                ensure(dynArgs == null && dynKwargs == null && kwargs.isEmpty(), token);
                args.add(parseExpression(true));
            }
            requireComma = true;
        }
        expectOp(")");
        return new Args(List.copyOf(args), List.copyOf(kwargs), dynArgs, dynKwargs);
    }

    private void ensure(boolean ok, Token token) {
        if (!ok) {
            throw fail("invalid syntax for function call expression", token.line());
        }
    }

    private Expr parseCall(Expr node) {
        int line = current().line();
        return new Expr.Call(node, parseCallArgs(), line);
    }

    private Expr.Filter parseFilter(Expr node, boolean startInline) {
        Expr.Filter result = null;
        while (current().isOp("|") || startInline) {
            if (!startInline) {
                next();
            }
            Token token = expectKind(Kind.NAME, "name");
            StringBuilder name = new StringBuilder(token.value());
            while (skipOp(".")) {
                name.append('.').append(expectKind(Kind.NAME, "name").value());
            }
            Args args = current().isOp("(") ? parseCallArgs() : Args.NONE;
            result = new Expr.Filter(node, name.toString(), args, token.line());
            node = result;
            startInline = false;
        }
        return result;
    }

    private Expr parseTest(Expr node) {
        Token token = next();
        boolean negated = skipName("not");
        StringBuilder name = new StringBuilder(expectKind(Kind.NAME, "name").value());
        while (skipOp(".")) {
            name.append('.').append(expectKind(Kind.NAME, "name").value());
        }
        Args args;
        Token t = current();
        if (t.isOp("(")) {
            args = parseCallArgs();
        } else if ((t.is(Kind.NAME) || t.is(Kind.STRING) || t.is(Kind.INTEGER) || t.is(Kind.FLOAT)
                || t.isOp("(") || t.isOp("[") || t.isOp("{"))
                && !t.isName("else") && !t.isName("or") && !t.isName("and")) {
            if (t.isName("is")) {
                throw fail("You cannot chain multiple tests with is", t.line());
            }
            Expr arg = parsePostfix(parsePrimary());
            args = new Args(List.of(arg), List.of(), null, null);
        } else {
            args = Args.NONE;
        }
        Expr test = new Expr.Test(node, name.toString(), args, token.line());
        return negated ? new Expr.Unary(Expr.UnOp.NOT, test, token.line()) : test;
    }
}
