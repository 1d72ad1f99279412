package dev.edge4j.tokenizers;

/**
 * A token matched in the raw text before anything else runs (HF's {@code AddedToken}): special
 * tokens such as {@code <|im_start|>}, or words a model learned later.
 *
 * @param content     the text that is matched
 * @param singleWord  match only where it is not part of a longer word
 * @param lstrip      also swallow the whitespace on its left
 * @param rstrip      also swallow the whitespace on its right
 * @param normalized  match in the normalized text (with the token normalized too) instead of the raw text
 * @param special     a special token: skipped by decode with skipSpecialTokens
 */
public record AddedToken(String content, boolean singleWord, boolean lstrip, boolean rstrip, boolean normalized,
                         boolean special) {
    /** A special token matched verbatim in the raw text. */
    public static AddedToken special(String content) {
        return new AddedToken(content, false, false, false, false, true);
    }
}
