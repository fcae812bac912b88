package dev.kiln.engine.chat;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/** The part of C's strftime that chat templates use for dates: %d %m %Y %y %b %B %a %A %j %%. */
final class Strftime {
    private Strftime() {
    }

    static String format(LocalDate date, String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char field = pattern.charAt(++i);
            switch (field) {
                case 'd' -> out.append(String.format("%02d", date.getDayOfMonth()));
                case 'm' -> out.append(String.format("%02d", date.getMonthValue()));
                case 'Y' -> out.append(date.getYear());
                case 'y' -> out.append(String.format("%02d", date.getYear() % 100));
                case 'b' -> out.append(date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> out.append(date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> out.append(date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> out.append(date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'j' -> out.append(String.format("%03d", date.getDayOfYear()));
                case '%' -> out.append('%');
                default -> out.append('%').append(field);
            }
        }
        return out.toString();
    }
}
