package dev.kiln.api.inference;

import dev.kiln.api.text.ChatMessage;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** The facade that shells, servers and host applications use. */
@ProviderType
public interface InferenceService {
    /** Loads a model, reporting progress; refused before any work starts if it cannot run here. */
    LoadedModel load(LoadRequest request, Consumer<LoadProgress> progress);

    /** Unloads a model; true if it was loaded. */
    boolean unload(String modelId);

    List<LoadedModel> models();

    Optional<LoadedModel> model(String modelId);

    /** Generates a continuation of {@code request.prompt()}, streaming each token to {@code events}. */
    GenerationResult generate(GenerateRequest request, Consumer<TokenEvent> events);

    /** Renders {@code messages} with the model's chat template and generates the reply. */
    GenerationResult chat(String modelId, List<ChatMessage> messages, GenerateRequest options,
                          Consumer<TokenEvent> events);
}
