package dev.edge4j.tokenizers.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated documents that stress what natural text rarely has enough of. Fixed seeds: always the same text. */
final class Stress {
    private Stress() {}

    static List<Corpus.Document> documents() {
        List<Corpus.Document> out = new ArrayList<>();
        out.add(new Corpus.Document("stress/emoji", emoji(new Random(1))));
        out.add(new Corpus.Document("stress/marks", marks(new Random(2))));
        out.add(new Corpus.Document("stress/space", spaces(new Random(3))));
        out.add(new Corpus.Document("stress/digits", digits(new Random(4))));
        out.add(new Corpus.Document("stress/long-words", longWords(new Random(5))));
        out.add(new Corpus.Document("stress/special-tokens", specialTokens(new Random(6))));
        return out;
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static final String ZWJ = "\u200D";
    private static final String VS16 = "\uFE0F";

    static String emoji(Random r) {
        String[] people = {"👨", "👩", "🧑", "👧", "👦", "👶", "👴", "👵"};
        String[] tones = {"", "🏻", "🏼", "🏽", "🏾", "🏿"};
        String[] objects = {"💻", "🔬", "🚀", "🎨", "🍳", "🌾", "🏫", "⚕" + VS16, "✈" + VS16, "🔧"};
        String[] flags = {"🇯🇵", "🇰🇷", "🇨🇳", "🇮🇳", "🇸🇦", "🇩🇪", "🇺🇸", "🇧🇷", "🇪🇺"};
        String[] words = {"hello", "ok", "great", "すごい", "好的", "좋아요", "رائع", "बढ़िया", "party"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            switch (r.nextInt(9)) {
                case 0 -> sb.append(pick(r, people)).append(pick(r, tones));
                case 1 -> { // a family: people joined by zero-width joiners
                    int n = 2 + r.nextInt(3);
                    for (int k = 0; k < n; k++) {
                        sb.append(k > 0 ? ZWJ : "").append(pick(r, people));
                    }
                }
                case 2 -> sb.append(pick(r, people)).append(pick(r, tones)).append(ZWJ).append(pick(r, objects));
                case 3 -> sb.append(pick(r, flags));
                case 4 -> sb.append((char) ('0' + r.nextInt(10))).append(VS16).append("\u20E3"); // keycap
                case 5 -> sb.append("🏳").append(VS16).append(ZWJ).append("🌈");
                case 6 -> sb.append("🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F");
                case 7 -> sb.append("❤").append(r.nextBoolean() ? VS16 : "").append(ZWJ).append("🔥");
                default -> sb.append(pick(r, words));
            }
            sb.append(pick(r, "", " ", " ", "  ", "\n", ", ", "!"));
        }
        return sb.toString();
    }

    static String marks(Random r) {
        int[] marks = {0x300, 0x301, 0x302, 0x303, 0x308, 0x30A, 0x316, 0x323, 0x327, 0x328, 0x331, 0x334, 0x338,
            0x345, 0x35C, 0x35D, 0x1DCE, 0x20DD, 0x5B0, 0x5B4, 0x5BC, 0x64B, 0x650, 0x651, 0x670, 0x93C, 0x94D,
            0xE38, 0xE48, 0x3099, 0x309A};
        String[] bases = {"a", "e", "o", "u", "n", "c", "A", "O", "ω", "и", "א", "ب", "क", "ก", "か", "ハ", "ᄀ", "x"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            sb.append(pick(r, bases));
            int n = r.nextInt(5);
            for (int k = 0; k < n; k++) {
                sb.appendCodePoint(marks[r.nextInt(marks.length)]);
            }
            if (r.nextInt(6) == 0) {
                sb.append(pick(r, " ", "\n", ". ", " und ", "ー"));
            }
        }
        // Hangul written as conjoining jamo, which NFC composes into syllables.
        for (int i = 0; i < 800; i++) {
            sb.appendCodePoint(0x1100 + r.nextInt(19)).appendCodePoint(0x1161 + r.nextInt(21));
            if (r.nextBoolean()) {
                sb.appendCodePoint(0x11A8 + r.nextInt(27));
            }
            if (r.nextInt(4) == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    static String spaces(Random r) {
        String[] ws = {" ", "  ", "   ", "        ", "\t", "\t\t", "\n", "\n\n", "\n\n\n\n", "\r\n", "\r\n\r\n", "\r",
            " \n ", "\u00A0", "\u3000", "\u2028", "\u2029", "\u0085", "\u200B", "\u2009", "\u202F", "\u000B",
            "\u000C", " \t \n", "\n   \n"};
        String[] words = {"word", "x", "1", "42", "中文", "日本語", "한국어", "(", ")", "'s", "'ll", "—", "...", "#",
            "العربية", "हिन्दी", "é", "ü"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12000; i++) {
            sb.append(pick(r, ws));
            if (r.nextInt(3) > 0) {
                sb.append(pick(r, words));
            }
        }
        return sb.toString();
    }

    static String digits(Random r) {
        String[] systems = {"0123456789", "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "０１２３４５６７８９", "০১২৩৪৫৬৭৮৯"};
        String[] joins = {" ", ".", ",", "-", ":", "/", "", "+", "e", " x ", "%", "$", "€", "₹"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            String digitsOf = systems[r.nextInt(10) < 7 ? 0 : r.nextInt(systems.length)];
            int len = 1 + r.nextInt(r.nextInt(4) == 0 ? 40 : 6);
            for (int k = 0; k < len; k++) {
                sb.append(digitsOf.charAt(r.nextInt(10)));
            }
            sb.append(pick(r, joins));
            if (r.nextInt(8) == 0) {
                sb.append(pick(r, "½", "²", "Ⅻ", "①", "3rd", "v2.0.1", "0x1F", "1e-9", "IPv4 10.0.0.1"));
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    static String longWords(Random r) {
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz";
        String b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 120; i++) {
            int len = 50 + r.nextInt(r.nextInt(5) == 0 ? 3000 : 400);
            String src = switch (i % 5) {
                case 0 -> alphabet;
                case 1 -> b64;
                case 2 -> "的一是不了人我在有他这中大来上";
                case 3 -> "abc";
                default -> "ÄÖÜäöüßéèêàçñ";
            };
            for (int k = 0; k < len; k++) {
                sb.append(src.charAt(r.nextInt(src.length())));
            }
            sb.append(pick(r, " ", "\n", "=", ". "));
        }
        sb.append("Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft ");
        sb.append("a".repeat(5000)).append('\n');
        sb.append("https://example.org/").append("very-long-path-segment/".repeat(60)).append("?q=")
                .append("x".repeat(700)).append('\n');
        return sb.toString();
    }

    static String specialTokens(Random r) {
        String[] specials = {"<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|begin_of_text|>", "<|eot_id|>",
            "<|start_header_id|>", "<|end_header_id|>", "<s>", "</s>", "<unk>", "<bos>", "<eos>", "<pad>",
            "<start_of_turn>", "<end_of_turn>", "[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]", "<|im_star|>",
            "<|fim_prefix|>", "<think>", "</think>", "<tool_call>", "<0x41>", "<|reserved_special_token_5|>"};
        String[] text = {"user", "assistant", "\n", " ", "Hello", "你好", "system", "  ", "\n\n", "x<", ">y"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append(pick(r, specials));
            if (r.nextBoolean()) {
                sb.append(pick(r, text));
            }
        }
        return sb.toString();
    }
}
