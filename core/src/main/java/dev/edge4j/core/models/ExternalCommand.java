package dev.edge4j.core.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a registry client (npm, mvn, git) and captures what it prints. */
final class ExternalCommand {
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return (stdout + "\n" + stderr).trim();
        }
    }

    private ExternalCommand() {}

    /**
     * Runs {@code command} in {@code dir}; {@code installHint} completes the sentence "X is not
     * installed: ..." when the program is missing.
     */
    static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds,
                      String installHint) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new FetchException(command.getFirst() + " is not installed: " + installHint);
        }
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new FetchException(command.getFirst() + " did not finish within " + timeoutSeconds
                        + " s: the registry may be unreachable");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FetchException(command.getFirst() + " was interrupted");
        }
    }

    /** Runs {@code command} and streams its standard output into {@code sink}. */
    static void pipe(List<String> command, Path dir, OutputStreamConsumer sink, String installHint) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new FetchException(command.getFirst() + " is not installed: " + installHint);
        }
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        try (InputStream in = p.getInputStream()) {
            sink.accept(in);
        }
        try {
            int code = p.waitFor();
            if (code != 0) {
                throw new FetchException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " failed: " + firstLine(err.join()));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FetchException(command.getFirst() + " was interrupted");
        }
    }

    interface OutputStreamConsumer {
        void accept(InputStream in) throws IOException;
    }

    static String firstLine(String text) {
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (!t.isEmpty()) {
                return t.length() > 200 ? t.substring(0, 200) + "..." : t;
            }
        }
        return "(no message)";
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
