package dev.edge4j.tokenizers;

import java.util.Arrays;

/** Compares an encoding of ours with HF's and describes the first difference. */
final class Compare {
    private Compare() {}

    /** Null when ids, offsets, words, type ids, special mask and attention mask all agree. */
    static String difference(String text, Encoding ours, HfOracle.Result hf) {
        return difference(text, null, ours, hf);
    }

    /** As above for a pair: offsets of the second sequence's tokens count in {@code second}. */
    static String difference(String text, String second, Encoding ours, HfOracle.Result hf) {
        int[] offsets = ours.codePointOffsets(text);
        if (second != null) {
            int[] seq = ours.sequenceIds();
            int[] other = ours.codePointOffsets(second);
            for (int i = 0; i < seq.length; i++) {
                if (seq[i] == 1) {
                    offsets[2 * i] = other[2 * i];
                    offsets[2 * i + 1] = other[2 * i + 1];
                }
            }
        }
        String what = null;
        if (!Arrays.equals(ours.ids(), hf.ids())) {
            what = "ids";
        } else if (!Arrays.equals(offsets, hf.offsets())) {
            what = "offsets";
        } else if (!Arrays.equals(ours.wordIds(), hf.wordIds())) {
            what = "word ids";
        } else if (!Arrays.equals(ours.typeIds(), hf.typeIds())) {
            what = "type ids";
        } else if (!Arrays.equals(ours.specialTokensMask(), hf.specialMask())) {
            what = "special tokens mask";
        } else if (!Arrays.equals(ours.attentionMask(), hf.attentionMask())) {
            what = "attention mask";
        } else if (!Arrays.equals(ours.tokens(), hf.tokens())) {
            what = "token strings";
        } else if (!Arrays.equals(ours.sequenceIds(), hf.sequenceIds())) {
            what = "sequence ids " + Arrays.toString(ours.sequenceIds()) + " vs " + Arrays.toString(hf.sequenceIds());
        } else if (ours.overflowing().size() != hf.overflowing()) {
            what = "overflowing count " + ours.overflowing().size() + " vs " + hf.overflowing();
        } else {
            for (int k = 0; k < hf.overflow().size() && what == null; k++) {
                String d = difference(text, second, ours.overflowing().get(k), hf.overflow().get(k));
                if (d != null) {
                    return "overflowing part " + k + ": " + d;
                }
            }
        }
        if (what == null) {
            return null;
        }
        int n = Math.min(ours.length(), hf.ids().length);
        int i = 0;
        while (i < n && ours.ids()[i] == hf.ids()[i] && offsets[2 * i] == hf.offsets()[2 * i]
                && offsets[2 * i + 1] == hf.offsets()[2 * i + 1] && ours.wordIds()[i] == hf.wordIds()[i]) {
            i++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(what).append(" differ at token ").append(i).append(" of ").append(ours.length()).append(" vs ")
                .append(hf.ids().length).append('\n');
        int from = Math.max(0, i - 3);
        for (int k = from; k < Math.min(i + 4, Math.max(ours.length(), hf.ids().length)); k++) {
            sb.append("  #").append(k).append(" ours ");
            if (k < ours.length()) {
                sb.append(ours.ids()[k]).append(" '").append(escape(ours.tokens()[k])).append("' [")
                        .append(offsets[2 * k]).append(',').append(offsets[2 * k + 1]).append("] w")
                        .append(ours.wordIds()[k]);
            }
            sb.append(" | hf ");
            if (k < hf.ids().length) {
                sb.append(hf.ids()[k]).append(" '").append(escape(hf.tokens()[k])).append("' [")
                        .append(hf.offsets()[2 * k]).append(',').append(hf.offsets()[2 * k + 1]).append("] w")
                        .append(hf.wordIds()[k]);
            }
            sb.append('\n');
        }
        if (i < hf.ids().length) {
            int cpStart = Math.max(0, hf.offsets()[2 * i] - 20);
            int[] cps = text.codePoints().toArray();
            int cpEnd = Math.min(cps.length, hf.offsets()[2 * i + 1] + 20);
            if (cpStart < cpEnd) {
                sb.append("  text: '").append(escape(new String(cps, cpStart, cpEnd - cpStart))).append("'\n");
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return sb.toString();
    }
}
