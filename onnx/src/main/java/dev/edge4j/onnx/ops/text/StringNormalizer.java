package dev.edge4j.onnx.ops.text;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** StringNormalizer: drops stop words (optionally ignoring case), then lower- or upper-cases. */
final class StringNormalizer implements SimpleOp {
    private final String caseChange;
    private final boolean caseSensitive;
    private final Set<String> stopwords = new HashSet<>();
    private final Locale locale;

    StringNormalizer(OpSpec spec) {
        caseChange = spec.attrs().getString("case_change_action", "NONE");
        caseSensitive = spec.attrs().getLong("is_case_sensitive", 0) != 0;
        String loc = spec.attrs().getString("locale", "");
        locale = loc.isEmpty() ? Locale.ROOT : Locale.forLanguageTag(loc.replace('_', '-'));
        for (String s : spec.attrs().getStrings("stopwords", new String[0])) {
            stopwords.add(caseSensitive ? s : s.toLowerCase(locale));
        }
        if (!caseChange.equals("NONE") && !caseChange.equals("LOWER") && !caseChange.equals("UPPER")) {
            throw Ops.unsupported(spec, "case_change_action '" + caseChange + "'");
        }
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Ops.requireType(x, "StringNormalizer input", DType.STRING);
        boolean twoD = x.rank() == 2;
        if (!(x.rank() == 1 || (twoD && x.shape().dim(0) == 1))) {
            throw new InvalidInputException("StringNormalizer takes [C] or [1, C] strings, got " + x.shape());
        }
        List<String> kept = new ArrayList<>();
        for (String s : x.strings()) {
            String key = caseSensitive ? s : s.toLowerCase(locale);
            if (stopwords.contains(key)) {
                continue;
            }
            kept.add(switch (caseChange) {
                case "LOWER" -> s.toLowerCase(locale);
                case "UPPER" -> s.toUpperCase(locale);
                default -> s;
            });
        }
        if (kept.isEmpty()) {
            kept.add("");
        }
        String[] out = kept.toArray(String[]::new);
        return twoD ? Tensor.of(out, 1, out.length) : Tensor.of(out, out.length);
    }
}
