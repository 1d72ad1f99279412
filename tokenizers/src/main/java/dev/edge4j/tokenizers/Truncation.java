package dev.edge4j.tokenizers;

import dev.edge4j.core.InvalidInputException;

/**
 * How long encodings are cut (HF's {@code TruncationParams}): at most {@code maxLength} tokens
 * including the special tokens the post-processor adds; what is cut off becomes overflowing windows
 * that overlap by {@code stride} tokens.
 */
public record Truncation(int maxLength, int stride, Strategy strategy, Direction direction) {
    /** Which of a pair gives up tokens. */
    public enum Strategy {
        LONGEST_FIRST, ONLY_FIRST, ONLY_SECOND
    }

    /** Which end is cut. */
    public enum Direction {
        LEFT, RIGHT
    }

    public Truncation {
        if (maxLength < 0 || stride < 0) {
            throw new InvalidInputException("truncation lengths must not be negative: max_length=" + maxLength
                    + ", stride=" + stride);
        }
    }

    /** Keep the first {@code maxLength} tokens, longest sequence first. */
    public static Truncation of(int maxLength) {
        return new Truncation(maxLength, 0, Strategy.LONGEST_FIRST, Direction.RIGHT);
    }

    /** Truncates a single encoding or a pair in place, as HF's {@code truncate_encodings}. */
    void apply(Encoding first, Encoding second, int maxLen) {
        if (maxLen == 0) {
            first.truncate(0, stride, direction);
            if (second != null) {
                second.truncate(0, stride, direction);
            }
            return;
        }
        int total = first.length() + (second == null ? 0 : second.length());
        if (total <= maxLen) {
            return;
        }
        int toRemove = total - maxLen;
        switch (strategy) {
            case LONGEST_FIRST -> {
                if (second == null) {
                    first.truncate(total - toRemove, stride, direction);
                    return;
                }
                int n1 = first.length();
                int n2 = second.length();
                boolean swap = false;
                if (n1 > n2) {
                    swap = true;
                    int t = n1;
                    n1 = n2;
                    n2 = t;
                }
                if (n1 > maxLen) {
                    n2 = n1;
                } else {
                    n2 = Math.max(n1, maxLen - n1);
                }
                if (n1 + n2 > maxLen) {
                    n1 = maxLen / 2;
                    n2 = n1 + maxLen % 2;
                }
                if (swap) {
                    int t = n1;
                    n1 = n2;
                    n2 = t;
                }
                first.truncate(n1, stride, direction);
                second.truncate(n2, stride, direction);
            }
            case ONLY_FIRST, ONLY_SECOND -> {
                Encoding target = strategy == Strategy.ONLY_FIRST ? first : second;
                if (target == null) {
                    throw new InvalidInputException("truncation strategy only_second needs a second sequence");
                }
                int len = target.length();
                if (len > toRemove) {
                    target.truncate(len - toRemove, stride, direction);
                } else {
                    throw new InvalidInputException("the sequence to truncate has " + len
                            + " tokens, too few to bring the total down to max_length " + maxLen);
                }
            }
        }
    }
}
