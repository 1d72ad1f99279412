package dev.edge4j.jinja.python;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Python numbers: int (Long, BigInteger when large, bool counts as int) and float (Double). */
public final class PyNum {
    private PyNum() {}

    public static boolean isInt(Object o) {
        return o instanceof Long || o instanceof BigInteger || o instanceof Boolean;
    }

    public static boolean isNumber(Object o) {
        return isInt(o) || o instanceof Double;
    }

    public static BigInteger big(Object o) {
        return switch (o) {
            case Long l -> BigInteger.valueOf(l);
            case BigInteger b -> b;
            case Boolean b -> b ? BigInteger.ONE : BigInteger.ZERO;
            default -> throw new IllegalArgumentException("not an int: " + o);
        };
    }

    /** Fits a BigInteger result back into a Long where it can. */
    public static Object norm(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    public static double toDouble(Object o) {
        return switch (o) {
            case Double d -> d;
            case Long l -> l;
            case BigInteger b -> {
                double d = b.doubleValue();
                if (Double.isInfinite(d)) {
                    throw new PyError("OverflowError", "int too large to convert to float");
                }
                yield d;
            }
            case Boolean b -> b ? 1.0 : 0.0;
            default -> throw new IllegalArgumentException("not a number: " + o);
        };
    }

    /** The value as a long when it is a Python int that fits, else null. */
    public static Long asLong(Object o) {
        return switch (o) {
            case Long l -> l;
            case Boolean b -> b ? 1L : 0L;
            case BigInteger b -> b.bitLength() < 64 ? b.longValue() : null;
            case null, default -> null;
        };
    }

    /** Exact comparison of two Python numbers (NaN compares unordered: returns 2). */
    public static int compare(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            double x = toDoubleLenient(a);
            double y = toDoubleLenient(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return 2;
            }
            if (isInt(a) || isInt(b)) {
                if (Double.isInfinite(x) || Double.isInfinite(y)) {
                    return Double.compare(x, y);
                }
                BigDecimal bx = isInt(a) ? new BigDecimal(big(a)) : new BigDecimal(x);
                BigDecimal by = isInt(b) ? new BigDecimal(big(b)) : new BigDecimal(y);
                return bx.compareTo(by);
            }
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        Long la = asLong(a);
        Long lb = asLong(b);
        if (la != null && lb != null) {
            return Long.compare(la, lb);
        }
        return big(a).compareTo(big(b));
    }

    private static double toDoubleLenient(Object o) {
        return o instanceof BigInteger b ? b.doubleValue() : toDouble(o);
    }

    public static Object add(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            return toDouble(a) + toDouble(b);
        }
        Long x = asLong(a);
        Long y = asLong(b);
        if (x != null && y != null) {
            long r = x + y;
            if (((x ^ r) & (y ^ r)) >= 0) {
                return r;
            }
        }
        return norm(big(a).add(big(b)));
    }

    public static Object sub(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            return toDouble(a) - toDouble(b);
        }
        Long x = asLong(a);
        Long y = asLong(b);
        if (x != null && y != null) {
            long r = x - y;
            if (((x ^ y) & (x ^ r)) >= 0) {
                return r;
            }
        }
        return norm(big(a).subtract(big(b)));
    }

    public static Object mul(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            return toDouble(a) * toDouble(b);
        }
        Long x = asLong(a);
        Long y = asLong(b);
        if (x != null && y != null) {
            long hi = Math.multiplyHigh(x, y);
            long lo = x * y;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return lo;
            }
        }
        return norm(big(a).multiply(big(b)));
    }

    public static Object trueDiv(Object a, Object b) {
        double y = toDouble(b);
        if (y == 0) {
            throw new PyError("ZeroDivisionError", isInt(a) && isInt(b) ? "division by zero" : "float division by zero");
        }
        if (isInt(a) && isInt(b)) {
            return new BigDecimal(big(a)).divide(new BigDecimal(big(b)), java.math.MathContext.DECIMAL128).doubleValue();
        }
        return toDouble(a) / y;
    }

    public static Object floorDiv(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            BigInteger y = big(b);
            if (y.signum() == 0) {
                throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
            }
            BigInteger[] qr = big(a).divideAndRemainder(y);
            BigInteger q = qr[0];
            if (qr[1].signum() != 0 && (qr[1].signum() != y.signum())) {
                q = q.subtract(BigInteger.ONE);
            }
            return norm(q);
        }
        double x = toDouble(a);
        double y = toDouble(b);
        if (y == 0) {
            throw new PyError("ZeroDivisionError", "float floor division by zero");
        }
        return floatDivmod(x, y)[0];
    }

    public static Object mod(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            BigInteger y = big(b);
            if (y.signum() == 0) {
                throw new PyError("ZeroDivisionError", "integer modulo by zero");
            }
            BigInteger r = big(a).mod(y.abs());
            if (y.signum() < 0 && r.signum() != 0) {
                r = r.add(y);
            }
            return norm(r);
        }
        double x = toDouble(a);
        double y = toDouble(b);
        if (y == 0) {
            throw new PyError("ZeroDivisionError", "float modulo");
        }
        return floatDivmod(x, y)[1];
    }

    /** CPython's float divmod, so floor division and modulo agree with Python to the last bit. */
    private static double[] floatDivmod(double vx, double wx) {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floordiv;
        if (div != 0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floordiv, mod};
    }

    public static Object pow(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            BigInteger e = big(b);
            if (e.signum() >= 0) {
                if (e.bitLength() > 31) {
                    throw new PyError("OverflowError", "exponent too large");
                }
                return norm(big(a).pow(e.intValue()));
            }
            if (big(a).signum() == 0) {
                throw new PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
            }
            return Math.pow(toDouble(a), toDouble(b));
        }
        double x = toDouble(a);
        double y = toDouble(b);
        if (x == 0 && y < 0) {
            throw new PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
        }
        if (x < 0 && y != Math.rint(y)) {
            throw new PyError("ValueError", "complex result");
        }
        return Math.pow(x, y);
    }

    public static Object neg(Object a) {
        return switch (a) {
            case Double d -> -d;
            default -> {
                Long l = asLong(a);
                yield l != null && l != Long.MIN_VALUE ? (Object) (-l) : norm(big(a).negate());
            }
        };
    }

    public static Object pos(Object a) {
        return a instanceof Boolean b ? (Object) (b ? 1L : 0L) : a;
    }
}
