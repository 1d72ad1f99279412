package dev.edge4j.cli;

import dev.edge4j.core.Edge4jException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns failures into one sentence on standard error and exit status 1. A stack trace is printed
 * only for bugs (exceptions that are not Edge4j's own) and only with {@code EDGE4J_DEBUG=1}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println("edge4j: " + message(ex));
        if (!(ex instanceof Edge4jException) && "1".equals(System.getenv("EDGE4J_DEBUG"))) {
            ex.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    static String message(Throwable ex) {
        if (ex instanceof UncheckedIOException u) {
            ex = u.getCause();
        }
        if (ex instanceof NoSuchFileException nf) {
            return "no such file: " + nf.getFile();
        }
        if (ex instanceof AccessDeniedException ad) {
            return "permission denied: " + ad.getFile();
        }
        if (ex instanceof Edge4jException) {
            return ex.getMessage();
        }
        if (ex instanceof IOException) {
            return "I/O error: " + ex.getMessage();
        }
        String m = ex.getMessage();
        return "internal error (" + ex.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + "); set EDGE4J_DEBUG=1 for details and report it";
    }

    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("edge4j: " + ex.getMessage());
        err.println("Try `" + cli.getCommandSpec().qualifiedName() + " --help`.");
        err.flush();
        return USAGE;
    }
}
