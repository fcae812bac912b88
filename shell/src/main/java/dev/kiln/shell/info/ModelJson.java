package dev.kiln.shell.info;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.format.ValueType;
import java.math.BigInteger;

/**
 * The {@code kiln:info --json} document: {@code version}, {@code alignment}, every metadata key as
 * {@code {"type": ..., "value": ...}} (arrays as {@code {"type": "ARRAY", "element_type", "length",
 * "values"}}), and every tensor with its GGUF type id, shape, offset in the data section and bytes.
 */
public final class ModelJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelJson() {
    }

    public static ObjectNode document(ModelSource model) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", model.version());
        root.put("alignment", model.metadata().getLong("general.alignment").orElse(ModelSummary.DEFAULT_ALIGNMENT));
        ObjectNode metadata = root.putObject("metadata");
        model.metadata().entries().forEach((key, value) -> metadata.set(key, value(value)));
        ArrayNode tensors = root.putArray("tensors");
        for (TensorDescriptor t : model.tensors()) {
            ObjectNode tensor = tensors.addObject();
            tensor.put("name", t.name());
            tensor.put("type", t.type().id());
            ArrayNode shape = tensor.putArray("shape");
            t.shape().forEach(shape::add);
            tensor.put("offset", t.offset());
            tensor.put("bytes", t.byteSize());
        }
        return root;
    }

    public static String render(ModelSource model) {
        try {
            return MAPPER.writeValueAsString(document(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the model as JSON", e);
        }
    }

    private static ObjectNode value(MetadataValue value) {
        if (value.value() instanceof MetadataArray array) {
            return array(array);
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", value.type().name());
        putScalar(node, "value", value.type(), value.value());
        return node;
    }

    private static ObjectNode array(MetadataArray array) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", ValueType.ARRAY.name());
        node.put("element_type", array.elementType().name());
        node.put("length", array.size());
        ArrayNode values = node.putArray("values");
        for (Object element : array.values()) {
            if (element instanceof MetadataArray nested) {
                values.add(array(nested));
            } else {
                ObjectNode holder = MAPPER.createObjectNode();
                putScalar(holder, "v", array.elementType(), element);
                values.add(holder.get("v"));
            }
        }
        return node;
    }

    private static void putScalar(ObjectNode node, String field, ValueType type, Object value) {
        switch (type) {
            case UINT64 -> node.put(field, new BigInteger(Long.toUnsignedString((Long) value)));
            case FLOAT32 -> node.put(field, (Float) value);
            case FLOAT64 -> node.put(field, (Double) value);
            case BOOL -> node.put(field, (Boolean) value);
            case STRING -> node.put(field, (String) value);
            case ARRAY -> throw new IllegalArgumentException("an ARRAY value must be a MetadataArray");
            default -> node.put(field, (Long) value);
        }
    }
}
