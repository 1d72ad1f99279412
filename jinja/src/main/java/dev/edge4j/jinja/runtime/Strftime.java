package dev.edge4j.jinja.runtime;

import java.time.LocalDateTime;
import java.time.temporal.IsoFields;

/** Python's {@code datetime.strftime} in the C locale, for the {@code strftime_now} global. */
final class Strftime {
    private Strftime() {}

    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    static String format(LocalDateTime t, String fmt) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                b.append(c);
                continue;
            }
            char d = fmt.charAt(++i);
            boolean noPad = false;
            if (d == '-' && i + 1 < fmt.length()) {
                noPad = true;
                d = fmt.charAt(++i);
            }
            b.append(directive(t, d, noPad));
        }
        return b.toString();
    }

    private static String pad(long v, int width, boolean noPad) {
        String s = Long.toString(v);
        return noPad ? s : "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String directive(LocalDateTime t, char d, boolean noPad) {
        int dow = t.getDayOfWeek().getValue();
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return switch (d) {
            case 'a' -> DAYS[dow - 1].substring(0, 3);
            case 'A' -> DAYS[dow - 1];
            case 'b', 'h' -> MONTHS[t.getMonthValue() - 1].substring(0, 3);
            case 'B' -> MONTHS[t.getMonthValue() - 1];
            case 'c' -> format(t, "%a %b %e %H:%M:%S %Y");
            case 'C' -> pad(t.getYear() / 100, 2, noPad);
            case 'd' -> pad(t.getDayOfMonth(), 2, noPad);
            case 'D' -> format(t, "%m/%d/%y");
            case 'e' -> noPad ? Integer.toString(t.getDayOfMonth()) : String.format("%2d", t.getDayOfMonth());
            case 'f' -> pad(t.getNano() / 1000, 6, noPad);
            case 'F' -> format(t, "%Y-%m-%d");
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> pad(t.getHour(), 2, noPad);
            case 'I' -> pad(hour12, 2, noPad);
            case 'j' -> pad(t.getDayOfYear(), 3, noPad);
            case 'k' -> String.format("%2d", t.getHour());
            case 'l' -> String.format("%2d", hour12);
            case 'm' -> pad(t.getMonthValue(), 2, noPad);
            case 'M' -> pad(t.getMinute(), 2, noPad);
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'R' -> format(t, "%H:%M");
            case 'S' -> pad(t.getSecond(), 2, noPad);
            case 't' -> "\t";
            case 'T', 'X' -> format(t, "%H:%M:%S");
            case 'u' -> Integer.toString(dow);
            case 'U' -> pad((t.getDayOfYear() + 6 - (dow % 7)) / 7, 2, noPad);
            case 'V' -> pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, noPad);
            case 'w' -> Integer.toString(dow % 7);
            case 'W' -> pad((t.getDayOfYear() + 6 - (dow - 1)) / 7, 2, noPad);
            case 'x' -> format(t, "%m/%d/%y");
            case 'y' -> pad(t.getYear() % 100, 2, noPad);
            case 'Y' -> Integer.toString(t.getYear());
            case 'z', 'Z' -> "";
            case '%' -> "%";
            default -> "%" + d;
        };
    }
}
