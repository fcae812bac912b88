package dev.kiln.format.gguf.writer;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Where a written tensor's bytes come from. */
public sealed interface TensorContent {
    /** Exactly these bytes. */
    static TensorContent of(byte[] bytes) {
        return new Segment(MemorySegment.ofArray(bytes.clone()));
    }

    /** The bytes of {@code segment}, read when the file is written. */
    static TensorContent of(MemorySegment segment) {
        return new Segment(Objects.requireNonNull(segment, "segment"));
    }

    /** No bytes written: the range stays a hole of a sparse file and reads as zeros. */
    static TensorContent hole() {
        return Hole.INSTANCE;
    }

    /** Tensor bytes held in a segment (heap or native). */
    record Segment(MemorySegment bytes) implements TensorContent {
    }

    /** A range left unwritten. */
    enum Hole implements TensorContent {
        INSTANCE
    }
}
