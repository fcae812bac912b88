package dev.kiln.shell.quant;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The parsed command line of {@code quant quantize|dequantize --type T --rows R --cols C --in F --out F [--imatrix F]}. */
record QuantArguments(String action, String type, int rows, int cols, Path in, Path out, Path imatrix) {
    static final String USAGE = """
            usage: quant quantize   --type <type> --rows <R> --cols <C> --in <input.f32> [--imatrix <im.f32>] --out <q.bin>
                   quant dequantize --type <type> --rows <R> --cols <C> --in <q.bin> --out <deq.f32>
            Files are raw little-endian: R*C float32 values, or R rows of the type's encoding. Type names ignore case (q4_K, Q4_K).""";

    private static final Set<String> OPTIONS = Set.of("--type", "--rows", "--cols", "--in", "--out", "--imatrix");

    static QuantArguments parse(String... args) {
        if (args == null || args.length == 0) {
            throw new QuantToolException("no action given\n" + USAGE);
        }
        String action = args[0];
        if (!action.equals("quantize") && !action.equals("dequantize")) {
            throw new QuantToolException("unknown action '" + action + "', expected quantize or dequantize\n" + USAGE);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String option = args[i];
            if (!OPTIONS.contains(option)) {
                throw new QuantToolException("unknown option '" + option + "'\n" + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new QuantToolException("option " + option + " needs a value\n" + USAGE);
            }
            if (values.put(option, args[i + 1]) != null) {
                throw new QuantToolException("option " + option + " given twice");
            }
        }
        if (action.equals("dequantize") && values.containsKey("--imatrix")) {
            throw new QuantToolException("--imatrix only applies to quantize");
        }
        return new QuantArguments(action, required(values, "--type"), positive(values, "--rows"),
                positive(values, "--cols"), Path.of(required(values, "--in")), Path.of(required(values, "--out")),
                values.containsKey("--imatrix") ? Path.of(values.get("--imatrix")) : null);
    }

    private static String required(Map<String, String> values, String option) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            throw new QuantToolException("missing " + option + "\n" + USAGE);
        }
        return value;
    }

    private static int positive(Map<String, String> values, String option) {
        String value = required(values, option);
        try {
            int n = Integer.parseInt(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new QuantToolException(option + " must be a positive integer, was '" + value + "'");
    }
}
