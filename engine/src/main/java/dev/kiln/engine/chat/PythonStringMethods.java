package dev.kiln.engine.chat;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Gives strings in templates the Python methods chat templates call, with Python's meaning:
 * {@code split(sep, maxsplit)}, {@code strip/lstrip/rstrip(chars)}, {@code startswith},
 * {@code endswith}, {@code replace(old, new, count)}, {@code upper}, {@code lower}, {@code find},
 * {@code count}. Without it Jinjava would call Java's {@code String.split(regex, limit)}, whose
 * second argument means something else, so {@code content.split('</think>', 1)[1]} would fail.
 * Anything else falls through to Jinjava's own resolvers.
 */
final class PythonStringMethods extends ELResolver {
    private static final Set<String> METHODS = Set.of("split", "strip", "lstrip", "rstrip", "startswith", "endswith",
            "replace", "upper", "lower", "find", "count");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || method == null || !METHODS.contains(method.toString())) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result = switch (method.toString()) {
            case "split" -> split(s, arg(args, 0), args.length > 1 ? ((Number) args[1]).intValue() : -1);
            case "strip" -> rstrip(lstrip(s, arg(args, 0)), arg(args, 0));
            case "lstrip" -> lstrip(s, arg(args, 0));
            case "rstrip" -> rstrip(s, arg(args, 0));
            case "startswith" -> anyOf(args[0], s::startsWith);
            case "endswith" -> anyOf(args[0], s::endsWith);
            case "replace" -> replace(s, args[0].toString(), args[1].toString(), args.length > 2 ? ((Number) args[2]).intValue() : -1);
            case "upper" -> s.toUpperCase(java.util.Locale.ROOT);
            case "lower" -> s.toLowerCase(java.util.Locale.ROOT);
            case "find" -> (long) s.indexOf(args[0].toString());
            case "count" -> (long) count(s, args[0].toString());
            default -> throw new IllegalStateException(method.toString());
        };
        context.setPropertyResolved(true);
        return result;
    }

    private static String arg(Object[] args, int i) {
        return args.length > i && args[i] != null ? args[i].toString() : null;
    }

    /** Python's str.split: on runs of white space without a separator, else on the literal separator. */
    static List<String> split(String s, String separator, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            String rest = s.strip();
            while (!rest.isEmpty()) {
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(rest);
                    return parts;
                }
                int end = 0;
                while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                parts.add(rest.substring(0, end));
                rest = rest.substring(end).stripLeading();
            }
            return parts;
        }
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        int from = 0;
        int at;
        while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    static String lstrip(String s, String chars) {
        int start = 0;
        while (start < s.length() && strippable(s.charAt(start), chars)) {
            start++;
        }
        return s.substring(start);
    }

    static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && strippable(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean strippable(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) || Character.isSpaceChar(c) : chars.indexOf(c) >= 0;
    }

    private static boolean anyOf(Object prefixes, java.util.function.Predicate<String> test) {
        if (prefixes instanceof Iterable<?> many) {
            for (Object p : many) {
                if (test.test(p.toString())) {
                    return true;
                }
            }
            return false;
        }
        return test.test(prefixes.toString());
    }

    private static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        for (int n = 0; n < count && !old.isEmpty() && (at = s.indexOf(old, from)) >= 0; n++) {
            out.append(s, from, at).append(replacement);
            from = at + old.length();
        }
        return out.append(s, from, s.length()).toString();
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int at = s.indexOf(sub); !sub.isEmpty() && at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    // A method resolver only: properties are left to the resolvers behind this one.

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
