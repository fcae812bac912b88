package dev.kiln.engine.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import java.util.Map;

/**
 * {@code tojson} as the templates' home renderer prints it (Python's {@code json.dumps}): ", " and
 * ": " between items, non-ASCII kept as is, and {@code indent=N} for pretty printing. Tool lists
 * rendered into prompts must match what the model was trained on, character for character.
 */
final class PythonJsonFilter implements AdvancedFilter {
    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
        return PythonJson.write(value, indent instanceof Number n ? n.intValue() : -1);
    }
}
