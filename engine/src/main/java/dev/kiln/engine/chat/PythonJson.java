package dev.kiln.engine.chat;

import java.lang.reflect.Array;
import java.util.Map;

/** Python's {@code json.dumps(value, ensure_ascii=False, indent=indent)} for maps, lists, strings, numbers, booleans and null. */
final class PythonJson {
    private PythonJson() {
    }

    /** @param indent spaces per level, or -1 for one line */
    static String write(Object value, int indent) {
        StringBuilder out = new StringBuilder();
        write(value, indent, 0, out);
        return out.toString();
    }

    private static void write(Object value, int indent, int depth, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b ? "true" : "false");
            case Integer _, Long _, Short _, Byte _, java.math.BigInteger _ -> out.append(value);
            case Number n -> out.append(floatText(n.doubleValue()));
            case CharSequence s -> string(s.toString(), out);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    separator(first, indent, depth + 1, out);
                    first = false;
                    string(String.valueOf(entry.getKey()), out);
                    out.append(": ");
                    write(entry.getValue(), indent, depth + 1, out);
                }
                close(first, indent, depth, out);
                out.append('}');
            }
            case Iterable<?> items -> {
                out.append('[');
                boolean first = true;
                for (Object item : items) {
                    separator(first, indent, depth + 1, out);
                    first = false;
                    write(item, indent, depth + 1, out);
                }
                close(first, indent, depth, out);
                out.append(']');
            }
            default -> {
                if (value.getClass().isArray()) {
                    java.util.List<Object> items = new java.util.ArrayList<>();
                    for (int i = 0; i < Array.getLength(value); i++) {
                        items.add(Array.get(value, i));
                    }
                    write(items, indent, depth, out);
                } else {
                    string(value.toString(), out);
                }
            }
        }
    }

    private static void separator(boolean first, int indent, int depth, StringBuilder out) {
        if (indent < 0) {
            if (!first) {
                out.append(", ");
            }
            return;
        }
        if (!first) {
            out.append(',');
        }
        out.append('\n').repeat(' ', indent * depth);
    }

    private static void close(boolean empty, int indent, int depth, StringBuilder out) {
        if (indent >= 0 && !empty) {
            out.append('\n').repeat(' ', indent * depth);
        }
    }

    /** Python prints floats with repr: shortest round-trip digits, always with a point or exponent. */
    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return String.format("%.1f", d);
        }
        return Double.toString(d);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
