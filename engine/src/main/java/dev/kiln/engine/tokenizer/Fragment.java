package dev.kiln.engine.tokenizer;

/** A piece of input: text still to be tokenized, or a special token already recognised. */
sealed interface Fragment {
    record Text(String text) implements Fragment {
    }

    record Special(int token) implements Fragment {
    }
}
