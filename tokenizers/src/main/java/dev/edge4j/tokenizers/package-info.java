/**
 * HF tokenizers in pure Java: {@link dev.edge4j.tokenizers.Tokenizer} reads a {@code tokenizer.json}
 * (or, through {@link dev.edge4j.tokenizers.TokenizerFiles}, a GGUF model's vocabulary) and encodes
 * exactly as HF tokenizers does.
 *
 * <p>The pipeline, as in HF: the {@link dev.edge4j.tokenizers.AddedVocabulary added tokens} are cut
 * out of the raw text; the rest is normalized ({@code normalizers}), keeping for every character of
 * the {@link dev.edge4j.tokenizers.NormalizedString normalized text} the range of the original it
 * came from; a pre-tokenizer ({@code pretokenizers}) splits it into pieces; the model
 * ({@code models}: BPE, WordPiece, Unigram, WordLevel) turns each piece into tokens; a
 * post-processor ({@code processors}) adds special tokens and joins pairs; truncation and padding
 * follow. A decoder ({@code decoders}) turns tokens back into text. {@code text} holds the Unicode
 * machinery (character classes with Rust's and Oniguruma's definitions, normalization with
 * alignment, Oniguruma-compatible regular expressions and hand-written matchers for the common
 * split patterns); {@code json} the tokenizer.json reading helpers.
 */
package dev.edge4j.tokenizers;
