package dev.edge4j.tokenizers;

import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HF tokenizers itself (the Rust library, through DJL's JNI binding), driven directly so nothing
 * DJL's Java wrapper adds (its own truncation and padding defaults) changes the result.
 */
final class HfOracle implements AutoCloseable {
    /** What HF returns for one encoding; offsets in code points, as HF's bindings count them. */
    record Result(int[] ids, int[] offsets, int[] wordIds, int[] typeIds, int[] specialMask, int[] attentionMask,
                  String[] tokens, int[] sequenceIds, int overflowing, java.util.List<Result> overflow) {}

    private final long handle;

    private HfOracle(long handle) {
        this.handle = handle;
    }

    static HfOracle fromJson(String json) {
        LibUtils.checkStatus();
        return new HfOracle(TokenizersLibrary.LIB.createTokenizerFromString(json));
    }

    static HfOracle fromFile(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Turns off the file's truncation and padding (for whole documents). */
    HfOracle plain() {
        TokenizersLibrary.LIB.disableTruncation(handle);
        TokenizersLibrary.LIB.disablePadding(handle);
        return this;
    }

    Result encode(String text, boolean addSpecialTokens) {
        long e = TokenizersLibrary.LIB.encode(handle, text, addSpecialTokens);
        try {
            return read(e);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(e);
        }
    }

    Result encodePair(String a, String b, boolean addSpecialTokens) {
        long e = TokenizersLibrary.LIB.encodeDual(handle, a, b, addSpecialTokens);
        try {
            return read(e);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(e);
        }
    }

    private static Result read(long e) {
        TokenizersLibrary lib = TokenizersLibrary.LIB;
        CharSpan[] spans = lib.getTokenCharSpans(e);
        int[] offsets = new int[2 * spans.length];
        for (int i = 0; i < spans.length; i++) {
            offsets[2 * i] = spans[i] == null ? 0 : spans[i].getStart();
            offsets[2 * i + 1] = spans[i] == null ? 0 : spans[i].getEnd();
        }
        java.util.List<Result> overflow = new java.util.ArrayList<>();
        if (lib.getOverflowCount(e) > 0) {
            for (long o : lib.getOverflowing(e)) {
                overflow.add(read(o));
            }
        }
        return new Result(ints(lib.getTokenIds(e)), offsets, ints(lib.getWordIds(e)), ints(lib.getTypeIds(e)),
                ints(lib.getSpecialTokenMask(e)), ints(lib.getAttentionMask(e)), lib.getTokens(e),
                ints(lib.getSequenceIds(e)), lib.getOverflowCount(e), overflow);
    }

    java.util.List<Result> encodeBatch(java.util.List<String> texts, boolean addSpecialTokens) {
        long[] handles = TokenizersLibrary.LIB.batchEncode(handle, texts.toArray(new String[0]), addSpecialTokens);
        java.util.List<Result> out = new java.util.ArrayList<>();
        for (long e : handles) {
            try {
                out.add(read(e));
            } finally {
                TokenizersLibrary.LIB.deleteEncoding(e);
            }
        }
        return out;
    }

    String decode(int[] ids, boolean skipSpecialTokens) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return TokenizersLibrary.LIB.decode(handle, l, skipSpecialTokens);
    }

    private static int[] ints(long[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (int) a[i];
        }
        return r;
    }

    @Override
    public void close() {
        TokenizersLibrary.LIB.deleteTokenizer(handle);
    }
}
