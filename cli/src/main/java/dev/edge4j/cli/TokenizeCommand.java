package dev.edge4j.cli;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.core.models.ModelStore;
import dev.edge4j.tokenizers.Encoding;
import dev.edge4j.tokenizers.Tokenizer;
import dev.edge4j.tokenizers.TokenizerFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j tokenize}: text to token ids and back, with any HF tokenizer.json or GGUF vocabulary. */
@Command(name = "tokenize",
        mixinStandardHelpOptions = true,
        description = {
            "Turns text into token ids exactly as HF tokenizers would: one line of text in,",
            "one line of space-separated ids out, special tokens added as HF's encode adds",
            "them. With --decode: ids in, text out. Reads standard input, or the FILEs given.",
            "",
            "Examples:",
            "  echo 'Hello world' | edge4j tokenize --tokenizer qwen3-tokenizer",
            "  edge4j tokenize --tokenizer tokenizer.json --decode < ids.txt",
            "  edge4j tokenize --tokenizer model.gguf --bench corpus/*.txt"})
final class TokenizeCommand implements Callable<Integer> {
    @Option(names = "--tokenizer", required = true, paramLabel = "FILE|NAME",
            description = "A tokenizer.json, a GGUF model file (its tokenizer.ggml.* metadata), "
                    + "or the name of a tokenizer in the model catalog (see `edge4j models list`).")
    String tokenizer;

    @Option(names = "--pair", description = "Each input line holds two texts separated by a TAB, encoded as a pair.")
    boolean pair;

    @Option(names = "--no-special", description = "Do not add special tokens (with --decode: leave them out of the text).")
    boolean noSpecial;

    @Option(names = "--decode", description = "Read lines of space-separated ids and print the text they stand for "
            + "(a text with line breaks spans several lines).")
    boolean decode;

    @Option(names = "--no-truncation", description = "Ignore the truncation the tokenizer file asks for.")
    boolean noTruncation;

    @Option(names = "--no-padding", description = "Ignore the padding the tokenizer file asks for.")
    boolean noPadding;

    @Option(names = "--tokens", description = "Print the token strings instead of ids.")
    boolean tokens;

    @Option(names = "--offsets", description = "Print each id as ID:START-END (UTF-16 offsets into the line).")
    boolean offsets;

    @Option(names = "--bench", description = "Benchmark: encode each FILE as one whole document (no truncation or "
            + "padding), several rounds, and print the throughput (median_mb_s=...).")
    boolean bench;

    @Option(names = "--rounds", defaultValue = "10", description = "Measured rounds for --bench (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured rounds before --bench measures (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "1",
            description = "Threads for --bench (documents encoded as a batch when more than 1; default: ${DEFAULT-VALUE}).")
    int threads;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Input files (default: standard input).")
    List<Path> files = List.of();

    @Override
    public Integer call() throws IOException {
        Tokenizer tok;
        try (Progress p = Progress.items("loading tokenizer", -1)) {
            tok = TokenizerFiles.load(resolve(tokenizer));
        }
        if (bench) {
            return bench(tok.withTruncation(null).withPadding(null));
        }
        if (noTruncation) {
            tok = tok.withTruncation(null);
        }
        if (noPadding) {
            tok = tok.withPadding(null);
        }
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        try {
            if (files.isEmpty()) {
                run(tok, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
            } else {
                for (Path f : files) {
                    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        run(tok, r, out);
                    }
                }
            }
        } finally {
            out.flush();
        }
        return 0;
    }

    /** A tokenizer file, or a catalog name resolved through the model cache (fetched if missing). */
    static Path resolve(String spec) throws IOException {
        Path p = Path.of(spec);
        if (Files.exists(p)) {
            return p;
        }
        ModelStore store = ModelStore.open();
        if (!store.catalog().contains(spec)) {
            throw new InvalidInputException("no tokenizer file or catalog model called \"" + spec + "\"");
        }
        return store.fetch(spec);
    }

    private void run(Tokenizer tok, BufferedReader in, PrintWriter out) throws IOException {
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (decode) {
                out.println(tok.decode(parseIds(line, lineNo), noSpecial));
                continue;
            }
            Encoding e;
            if (pair) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new InvalidInputException("line " + lineNo + " has no TAB between the two texts of the pair");
                }
                e = tok.encodePair(line.substring(0, tab), line.substring(tab + 1), !noSpecial);
            } else {
                e = tok.encode(line, !noSpecial);
            }
            out.println(format(e));
        }
    }

    private String format(Encoding e) {
        StringBuilder sb = new StringBuilder(e.length() * 6);
        for (int i = 0; i < e.length(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            if (tokens) {
                sb.append(e.tokens()[i]);
            } else {
                sb.append(e.ids()[i]);
            }
            if (offsets) {
                sb.append(':').append(e.start(i)).append('-').append(e.end(i));
            }
        }
        return sb.toString();
    }

    private static int[] parseIds(String line, int lineNo) {
        String s = line.strip();
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split("\\s+");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException ex) {
                throw new InvalidInputException("line " + lineNo + ": '" + parts[i] + "' is not a token id");
            }
            if (ids[i] < 0) {
                throw new InvalidInputException("line " + lineNo + ": token ids are not negative, got " + ids[i]);
            }
        }
        return ids;
    }

    private int bench(Tokenizer tok) throws IOException {
        if (files.isEmpty()) {
            throw new InvalidInputException("--bench needs the documents to encode as FILE arguments");
        }
        if (rounds < 1 || warmup < 0 || threads < 1) {
            throw new InvalidInputException("--rounds and --threads must be at least 1, --warmup at least 0");
        }
        List<String> docs = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            bytes += b.length;
            docs.add(new String(b, StandardCharsets.UTF_8));
        }
        double[] mbs = new double[rounds];
        long tokensPerRound = 0;
        try (Parallel pool = Parallel.of(threads); Progress p = Progress.items("benchmark rounds", warmup + rounds)) {
            for (int r = 0; r < warmup + rounds; r++) {
                long t0 = System.nanoTime();
                long count = 0;
                if (threads == 1) {
                    for (String d : docs) {
                        count += tok.encode(d, !noSpecial).length();
                    }
                } else {
                    for (Encoding e : tok.encodeBatch(docs, !noSpecial, pool)) {
                        count += e.length();
                    }
                }
                long ns = System.nanoTime() - t0;
                if (r >= warmup) {
                    mbs[r - warmup] = bytes / (ns / 1e9) / 1e6;
                    tokensPerRound = count;
                }
                p.add(1);
            }
        }
        double[] sorted = mbs.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "docs=%d bytes=%d tokens=%d threads=%d rounds=%d%n", docs.size(), bytes,
                tokensPerRound, threads, rounds);
        System.out.printf(Locale.ROOT, "round_mb_s=%s%n", String.join(",",
                Arrays.stream(mbs).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).toList()));
        System.out.printf(Locale.ROOT, "median_mb_s=%.2f min_mb_s=%.2f max_mb_s=%.2f%n", median, sorted[0],
                sorted[sorted.length - 1]);
        return 0;
    }
}
