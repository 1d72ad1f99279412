package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;

/** Cuts the text into pieces of {@code length} characters. */
public record FixedLength(int length) implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((piece, out) -> {
            String s = piece.get();
            int n = s.length();
            int start = 0;
            while (start < n) {
                int end = start;
                for (int k = 0; k < length && end < n; k++) {
                    end += Character.charCount(s.codePointAt(end));
                }
                out.add(piece.slice(start, end));
                start = end;
            }
        });
    }
}
