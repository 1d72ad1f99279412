package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;

/**
 * Splits where the Unicode script changes (SentencePiece's rule): kana counts as Han, spaces and
 * unassigned characters belong to no script and never split.
 */
public record UnicodeScripts() implements PreTokenizer {
    private static final int ANY = -1;

    static int script(int c) {
        if (c == 0x30FC) {
            return Character.UnicodeScript.HAN.ordinal();
        }
        if (c == ' ') {
            return ANY;
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        return switch (s) {
            case HIRAGANA, KATAKANA -> Character.UnicodeScript.HAN.ordinal();
            case UNKNOWN -> ANY;
            default -> s.ordinal();
        };
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((piece, out) -> {
            String s = piece.get();
            int n = s.length();
            // Piece boundaries: where a script starts that differs from the last one seen. Text
            // before the first character with a script is dropped, as HF drops it.
            dev.edge4j.tokenizers.text.IntList starts = new dev.edge4j.tokenizers.text.IntList();
            int last = Integer.MIN_VALUE;
            int i = 0;
            while (i < n) {
                int c = s.codePointAt(i);
                int script = script(c);
                if (script != ANY && script != last) {
                    starts.add(i);
                }
                if (script != ANY) {
                    last = script;
                }
                i += Character.charCount(c);
            }
            starts.add(n);
            for (int k = 0; k + 1 < starts.size(); k++) {
                out.add(piece.slice(starts.get(k), starts.get(k + 1)));
            }
        });
    }
}
