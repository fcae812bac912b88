package dev.kiln.api.text;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Renders a conversation into the prompt text the model was trained on. */
@ProviderType
public interface ChatTemplate {
    String render(List<ChatMessage> messages, boolean addGenerationPrompt);
}
