package dev.edge4j.tokenizers;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Loads a tokenizer from whatever file holds it: a tokenizer.json, a folder with one, or a GGUF model. */
public final class TokenizerFiles {
    private TokenizerFiles() {}

    public static Tokenizer load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (Files.isDirectory(path)) {
            Path json = path.resolve("tokenizer.json");
            if (Files.isRegularFile(json)) {
                return Tokenizer.fromFile(json);
            }
            List<Path> candidates;
            try (Stream<Path> s = Files.list(path)) {
                candidates = s.filter(p -> p.getFileName().toString().endsWith("tokenizer.json")).toList();
            }
            if (candidates.size() == 1) {
                return Tokenizer.fromFile(candidates.getFirst());
            }
            throw new InvalidInputException("the folder " + path + " has no tokenizer.json");
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, 4);
            if (n == 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
                return GgufTokenizer.load(path);
            }
        }
        if (head[0] != '{' && !Character.isWhitespace(head[0])) {
            throw new ModelFormatException(path + ": neither a tokenizer.json nor a GGUF file");
        }
        return Tokenizer.fromFile(path);
    }
}
