package dev.kiln.engine.chat;

import dev.kiln.api.KilnException;

/** A chat template that cannot render a conversation; the message says where or why. */
public class ChatTemplateException extends KilnException {
    private static final long serialVersionUID = 1L;

    public ChatTemplateException(String message) {
        super(message);
    }
}
