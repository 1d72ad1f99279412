package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.ByteLevelAlphabet;
import dev.edge4j.tokenizers.text.GptSplitPattern;

/**
 * GPT-2's pre-tokenizer: optionally a space in front, optionally GPT-2's split regex, then every
 * piece rewritten in the byte alphabet.
 */
public record ByteLevel(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((piece, out) -> {
            if (addPrefixSpace && !piece.get().startsWith(" ")) {
                piece.prepend(" ");
            }
            if (useRegex) {
                out.addAll(piece.split(GptSplitPattern.GPT2, SplitBehavior.ISOLATED));
            } else {
                out.add(piece);
            }
        });
        text.normalize(ByteLevelAlphabet::rewrite);
    }
}
