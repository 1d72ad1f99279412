package dev.edge4j.jinja.scope;

import dev.edge4j.jinja.syntax.Stmt;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The frames of a parsed template: for each node that opens a frame, its {@link Symbols}.
 * Loops have up to three (body, else, the {@code if} filter); macros and call blocks also note
 * which of {@code caller}, {@code kwargs}, {@code varargs} their body uses.
 */
public final class Analysis {
    final Map<Object, Symbols> frames = new IdentityHashMap<>();
    final Map<Stmt.For, Symbols> loopElse = new IdentityHashMap<>();
    final Map<Stmt.For, Symbols> loopTest = new IdentityHashMap<>();
    final Map<Object, Set<String>> specialParams = new IdentityHashMap<>();
    Symbols root;

    public Symbols root() {
        return root;
    }

    /** The frame of a loop body, macro, call block, filter block, set block, with or block. */
    public Symbols frame(Stmt node) {
        return frames.get(node);
    }

    public Symbols loopElse(Stmt.For node) {
        return loopElse.get(node);
    }

    public Symbols loopTest(Stmt.For node) {
        return loopTest.get(node);
    }

    /** Which of caller, kwargs, varargs a macro or call block body uses without declaring them. */
    public Set<String> specialParams(Stmt node) {
        return specialParams.getOrDefault(node, Set.of());
    }

    /** Analyzes a template body. */
    public static Analysis of(List<Stmt> body) {
        return SymbolAnalyzer.analyze(body);
    }
}
