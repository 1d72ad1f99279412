package dev.edge4j.jinja.syntax;

/**
 * One lexer token. {@code value} is the token text (for names, operators and data), {@code literal}
 * the decoded value of a string, integer or float literal.
 */
public record Token(Kind kind, String value, Object literal, int line) {

    public enum Kind {
        DATA, VARIABLE_BEGIN, VARIABLE_END, BLOCK_BEGIN, BLOCK_END,
        NAME, STRING, INTEGER, FLOAT, OPERATOR, EOF
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isName(String name) {
        return kind == Kind.NAME && value.equals(name);
    }

    public boolean isOp(String op) {
        return kind == Kind.OPERATOR && value.equals(op);
    }

    /** How Jinja describes the token in error messages. */
    public String describe() {
        return switch (kind) {
            case NAME, OPERATOR -> value;
            case STRING -> "string";
            case INTEGER -> "integer";
            case FLOAT -> "float";
            case DATA -> "template data / text";
            case VARIABLE_BEGIN -> "begin of print statement";
            case VARIABLE_END -> "end of print statement";
            case BLOCK_BEGIN -> "begin of statement block";
            case BLOCK_END -> "end of statement block";
            case EOF -> "end of template";
        };
    }
}
